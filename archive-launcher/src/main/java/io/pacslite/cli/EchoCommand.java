package io.pacslite.cli;

import io.pacslite.dicom.dict.UID;
import io.pacslite.dimse.message.CEchoRq;
import io.pacslite.dimse.message.CommandCodec;
import io.pacslite.dimse.message.DimseException;
import io.pacslite.dimse.message.Status;
import io.pacslite.dimse.message.StatusType;
import io.pacslite.dimse.net.Association;
import io.pacslite.dimse.net.PresentationContexts;
import io.pacslite.dimse.net.RemoteAe;
import io.pacslite.dimse.net.Timeouts;
import java.util.List;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code pacslite echo HOST PORT}: C-ECHO (Verification SCU, PS3.4 Annex A) to a peer. Exit 0
 * on a Success status, 1 when the peer cannot be reached, rejects, aborts, times out or
 * answers otherwise, 2 for bad options.
 */
@Command(name = "echo", mixinStandardHelpOptions = true,
        description = "Check a DICOM peer with C-ECHO (Verification) and show the round-trip time.")
final class EchoCommand implements Callable<Integer> {

    @Mixin
    private ScuOptions scu;

    /**
     * Encodes and decodes a C-ECHO-RQ once before the clock starts: the first use loads the
     * codec and the data dictionary, which would otherwise show as network time.
     */
    private static void warmUp() {
        try {
            CommandCodec.decode(CommandCodec.encode(new CEchoRq(1, UID.Verification)));
        } catch (DimseException e) {
            throw new IllegalStateException("the command codec cannot read its own C-ECHO-RQ", e);
        }
    }

    @Override
    public Integer call() {
        RemoteAe peer;
        Timeouts timeouts;
        try {
            peer = scu.peer();
            timeouts = scu.timeouts();
            scu.tls();
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("pacslite echo: " + e.getMessage());
            return PacsLite.EXIT_BAD_INPUT;
        }
        warmUp();
        long started = System.nanoTime();
        try (Association association = Association.open(peer, scu.callingAeTitle, PresentationContexts.verification(),
                List.of(), timeouts, scu.tls())) {
            long associated = System.nanoTime();
            Status status = association.echo();
            long answered = System.nanoTime();
            association.release();
            if (status.type() != StatusType.SUCCESS) {
                System.err.println("pacslite echo: " + peer + " answered C-ECHO with status " + status);
                return 1;
            }
            System.out.printf("C-ECHO %s: success, round trip %.1f ms (association %.1f ms)%n", peer,
                    (answered - associated) / 1e6, (associated - started) / 1e6);
            return 0;
        } catch (IOException e) {
            System.err.println("pacslite echo: " + e.getMessage());
            return 1;
        }
    }
}
