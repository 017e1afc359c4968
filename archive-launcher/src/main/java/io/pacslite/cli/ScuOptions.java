package io.pacslite.cli;

import io.pacslite.archive.tls.TlsClient;
import io.pacslite.archive.tls.TlsSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import io.pacslite.dimse.net.RemoteAe;
import io.pacslite.dimse.net.Timeouts;
import io.pacslite.dimse.pdu.AeTitles;
import java.time.Duration;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The peer and the options every command that requests associations (echo, store, find, get, move) shares. */
final class ScuOptions {

    /** The calling AE title by default. */
    static final String DEFAULT_CALLING_AE_TITLE = "PACSLITE";

    /** The called AE title by default: many SCPs accept any. */
    static final String DEFAULT_CALLED_AE_TITLE = "ANY-SCP";

    @Option(names = "--aet", paramLabel = "AE", defaultValue = DEFAULT_CALLING_AE_TITLE,
            description = "Our (calling) AE title. Default: ${DEFAULT-VALUE}.")
    String callingAeTitle;

    @Option(names = "--aec", paramLabel = "AE", defaultValue = DEFAULT_CALLED_AE_TITLE,
            description = "The peer's (called) AE title. Default: ${DEFAULT-VALUE}.")
    String calledAeTitle;

    @Option(names = "--timeout", paramLabel = "S",
            description = "Seconds to wait at most for the connection, the association and each response "
                    + "(default: 10 s to connect, 30 s to associate or release, 60 s per response).")
    Integer timeoutSeconds;

    @Option(names = "--tls", description = "Connect with DICOM TLS (PS3.15 B.9): TLS 1.3 or 1.2 with the BCP 195 "
            + "cipher suites; the peer's certificate must be signed by --tls-ca (else by a CA the JVM trusts) and "
            + "name HOST.")
    boolean tls;

    @Option(names = "--tls-ca", paramLabel = "PEM", description = "The CA certificates that sign the peer's (with --tls).")
    Path tlsCa;

    @Option(names = "--tls-key", paramLabel = "PEM",
            description = "Our private key (unencrypted PKCS#8), for a peer that asks for a client certificate (with --tls).")
    Path tlsKey;

    @Option(names = "--tls-cert", paramLabel = "PEM", description = "Our certificate, with --tls-key.")
    Path tlsCertificate;

    private TlsClient tlsClient;

    @Parameters(index = "0", paramLabel = "HOST", description = "The peer's host name or address.")
    String host;

    @Parameters(index = "1", paramLabel = "PORT", description = "The peer's DICOM port.")
    int port;

    /**
     * The peer named by HOST, PORT and --aec.
     *
     * @throws IllegalArgumentException if the port or an AE title is not valid
     */
    RemoteAe peer() {
        RemoteAe peer = new RemoteAe(host, port, calledAeTitle, tls);
        AeTitles.require(callingAeTitle);
        return peer;
    }

    /**
     * How to connect with --tls, read from the PEM files the first time; null without --tls.
     *
     * @throws IllegalArgumentException if TLS options come without --tls, or a key without a certificate
     * @throws IOException if a file cannot be read or does not hold what it should
     */
    TlsClient tls() throws IOException {
        if (!tls) {
            if (tlsCa != null || tlsKey != null || tlsCertificate != null) {
                throw new IllegalArgumentException("--tls-ca, --tls-key and --tls-cert are options of --tls");
            }
            return null;
        }
        if ((tlsKey == null) != (tlsCertificate == null)) {
            throw new IllegalArgumentException("--tls-key and --tls-cert go together");
        }
        if (tlsClient == null) {
            tlsClient = TlsClient.of(tlsKey == null ? Optional.empty()
                    : Optional.of(new TlsSettings(tlsKey, tlsCertificate, Optional.empty())), Optional.ofNullable(tlsCa));
        }
        return tlsClient;
    }

    Timeouts timeouts() {
        if (timeoutSeconds == null) {
            return Timeouts.defaults();
        }
        if (timeoutSeconds < 1) {
            throw new IllegalArgumentException("--timeout must be at least 1 second: " + timeoutSeconds);
        }
        return Timeouts.requestor(Duration.ofSeconds(timeoutSeconds));
    }
}
