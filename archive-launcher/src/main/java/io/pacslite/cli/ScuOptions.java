package io.pacslite.cli;

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
        RemoteAe peer = new RemoteAe(host, port, calledAeTitle);
        AeTitles.require(callingAeTitle);
        return peer;
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
