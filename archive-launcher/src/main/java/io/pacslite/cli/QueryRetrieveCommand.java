package io.pacslite.cli;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dimse.net.RemoteAe;
import io.pacslite.dimse.net.Timeouts;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/**
 * What {@code find}, {@code get} and {@code move} share: the peer, the Identifier, and how
 * failures end the command (2 for bad options, 1 when the association fails).
 */
abstract class QueryRetrieveCommand implements Callable<Integer> {

    @Mixin
    ScuOptions scu;

    @Mixin
    QueryOptions query;

    /** The command's name, for messages. */
    abstract String name();

    /** Checks the command's own options; throws {@link IllegalArgumentException} or {@link IOException} when bad. */
    void checkOptions() throws IOException {
    }

    /** Requests the operation and reports it; the exit status. */
    abstract int run(RemoteAe peer, Timeouts timeouts, Attributes identifier) throws IOException;

    @Override
    public final Integer call() {
        RemoteAe peer;
        Timeouts timeouts;
        Attributes identifier;
        try {
            peer = scu.peer();
            timeouts = scu.timeouts();
            scu.tls();
            identifier = query.identifier();
            checkOptions();
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("pacslite " + name() + ": " + e.getMessage());
            return PacsLite.EXIT_BAD_INPUT;
        }
        try {
            return run(peer, timeouts, identifier);
        } catch (IOException e) {
            System.err.println("pacslite " + name() + ": " + e.getMessage());
            return 1;
        }
    }
}
