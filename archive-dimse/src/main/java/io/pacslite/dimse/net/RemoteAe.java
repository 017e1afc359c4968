package io.pacslite.dimse.net;

import io.pacslite.dimse.pdu.AeTitles;
import java.util.Objects;

/**
 * A peer Application Entity to associate with: where it listens and its AE title, the called
 * AE title of the A-ASSOCIATE-RQ (PS3.8 section 9.3.2), and whether it is reached over TLS
 * (PS3.15 Annex B.9).
 *
 * <p>Its text form, in the AE table file and the {@code dicom.move-destinations} setting, is
 * {@code AE_TITLE HOST PORT}, followed by {@code tls} for a peer reached over TLS.
 *
 * @param host    host name or address
 * @param port    TCP port, 1 to 65535
 * @param aeTitle the called AE title
 * @param tls     whether the connection is TLS
 */
public record RemoteAe(String host, int port, String aeTitle, boolean tls) {

    /** The word that marks a TLS peer in the text form. */
    private static final String TLS = "tls";

    /** Checks the port and the AE title (PS3.5 section 6.2, VR AE). */
    public RemoteAe {
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 0xFFFF) {
            throw new IllegalArgumentException("port must be 1 to 65535: " + port);
        }
        AeTitles.require(aeTitle);
    }

    /** A peer reached without TLS. */
    public RemoteAe(String host, int port, String aeTitle) {
        this(host, port, aeTitle, false);
    }

    /**
     * The peer {@code text} describes: {@code AE_TITLE HOST PORT}, then {@code tls} or nothing.
     *
     * @throws IllegalArgumentException if it does not
     */
    public static RemoteAe parse(String text) {
        String[] fields = text.strip().split("\\s+");
        if (fields.length < 3 || fields.length > 4 || fields.length == 4 && !fields[3].equalsIgnoreCase(TLS)) {
            throw new IllegalArgumentException("'" + text.strip() + "' is not AE_TITLE HOST PORT [tls]");
        }
        int port;
        try {
            port = Integer.parseInt(fields[2]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + fields[2] + "' is not a TCP port");
        }
        return new RemoteAe(fields[1], port, fields[0], fields.length == 4);
    }

    /** The text form: {@code AE_TITLE HOST PORT}, then {@code tls} for a TLS peer. */
    public String text() {
        return aeTitle + " " + host + " " + port + (tls ? " " + TLS : "");
    }

    /** {@code AETITLE@host:port}, with {@code (TLS)} for a TLS peer, for messages. */
    @Override
    public String toString() {
        return aeTitle + "@" + host + ":" + port + (tls ? " (TLS)" : "");
    }
}
