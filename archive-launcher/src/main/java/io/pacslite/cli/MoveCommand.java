package io.pacslite.cli;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dimse.message.CMoveRsp;
import io.pacslite.dimse.net.Association;
import io.pacslite.dimse.net.PresentationContexts;
import io.pacslite.dimse.net.QueryRetrieveScu;
import io.pacslite.dimse.net.RemoteAe;
import io.pacslite.dimse.net.Timeouts;
import io.pacslite.dimse.pdu.AeTitles;
import java.util.List;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pacslite move --dest AE HOST PORT}: C-MOVE (Query/Retrieve SCU, PS3.4 C.4.2). The peer
 * sends the instances to the AE {@code --dest}, which it must know by that title. Exit 0 on
 * Success, 1 otherwise, 2 for bad options.
 */
@Command(name = "move", mixinStandardHelpOptions = true,
        description = "Ask a DICOM peer to send instances to an AE (C-MOVE).")
final class MoveCommand extends QueryRetrieveCommand {

    @Option(names = "--dest", paramLabel = "AE", required = true,
            description = "The Move Destination: the AE title the peer sends to.")
    private String destination;

    @Override
    String name() {
        return "move";
    }

    @Override
    void checkOptions() {
        AeTitles.require(destination);
    }

    @Override
    int run(RemoteAe peer, Timeouts timeouts, Attributes identifier) throws IOException {
        String sopClass = query.model().move();
        QueryRetrieveScu.Retrieved<CMoveRsp> retrieved;
        try (Association association = Association.open(peer, scu.callingAeTitle,
                PresentationContexts.forQueryRetrieve(sopClass), List.of(), timeouts, scu.tls())) {
            retrieved = QueryRetrieveScu.move(association, sopClass, destination, identifier, counts -> { });
        }
        CMoveRsp last = retrieved.response();
        System.out.printf("C-MOVE from %s to %s: %s%n", peer, destination, last.status());
        return RetrieveTally.report("move", peer, last.status(), last.subOperations(), last.errorComment(),
                retrieved.identifier());
    }
}
