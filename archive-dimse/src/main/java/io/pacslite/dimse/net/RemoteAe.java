package io.pacslite.dimse.net;

import io.pacslite.dimse.pdu.AeTitles;
import java.util.Objects;

/**
 * A peer Application Entity to associate with: where it listens and its AE title, the called
 * AE title of the A-ASSOCIATE-RQ (PS3.8 section 9.3.2).
 *
 * @param host    host name or address
 * @param port    TCP port, 1 to 65535
 * @param aeTitle the called AE title
 */
public record RemoteAe(String host, int port, String aeTitle) {

    /** Checks the port and the AE title (PS3.5 section 6.2, VR AE). */
    public RemoteAe {
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 0xFFFF) {
            throw new IllegalArgumentException("port must be 1 to 65535: " + port);
        }
        AeTitles.require(aeTitle);
    }

    /** {@code AETITLE@host:port}, for messages. */
    @Override
    public String toString() {
        return aeTitle + "@" + host + ":" + port;
    }
}
