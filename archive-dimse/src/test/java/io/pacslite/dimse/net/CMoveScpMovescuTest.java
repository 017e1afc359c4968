package io.pacslite.dimse.net;

import static io.pacslite.testing.SyntheticInstances.uid;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.dimse.testing.Dcmtk;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * dcmtk's movescu against the archive's C-MOVE SCP (PS3.4 C.4.2): the instances go to a
 * {@code storescp +B} started here, or to movescu's own storage SCP ({@code --port}), both
 * named in the archive's AE table; what they receive is the stored data set, bit for bit.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CMoveScpMovescuTest extends QueryServerTest {

    @TempDir
    static Path root;
    private static Storescp storescp;
    private static AeTable aeTable;

    @TempDir
    Path out;

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(root.resolve("storescp"));
        storescp = Storescp.start(root.resolve("storescp"));
        aeTable = server.aeTable();
        aeTable.add(new RemoteAe("127.0.0.1", storescp.port(), "STORESCP"));
        aeTable.add(new RemoteAe("127.0.0.1", freePort(), "NOBODY"));
    }

    @AfterAll
    static void stop() throws Exception {
        storescp.close();
    }

    @BeforeEach
    void empty() throws IOException {
        storescp.clear();
    }

    @Test
    void movesAStudyToStorescpByteForByte() throws Exception {
        Dcmtk.Result result = movescu("STORESCP", List.of(), "-S", "QueryRetrieveLevel=STUDY",
                "StudyInstanceUID=" + uid("9", "1"));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("Received Final Move Response (Success)")
                .contains("Received Move Response 4 (Pending)").doesNotContain("Received Move Response 5");
        server.assertHoldAsStored(storescp.receivedFiles(), uid("9", "1", "1", "1"), uid("9", "1", "1", "2"),
                uid("9", "1", "1", "3"), uid("9", "1", "2", "1"));
    }

    @Test
    void movesAPatientToMovescusOwnStorageScp() throws Exception {
        int port = freePort();
        aeTable.add(new RemoteAe("127.0.0.1", port, "MOVESCU"));

        Dcmtk.Result result = movescu("MOVESCU", List.of("--port", Integer.toString(port), "-od", out.toString()),
                "-P", "QueryRetrieveLevel=PATIENT", "PatientID=P3");

        assertThat(result.exitCode()).as(result.output()).isZero();
        try (Stream<Path> files = Files.list(out)) {
            server.assertHoldAsStored(files.toList(), uid("9", "3", "1", "1"), uid("9", "3", "2", "1"));
        }
    }

    @Test
    void answersAnUnknownDestinationWithA801() throws Exception {
        Dcmtk.Result result = movescu("ELSEWHERE", List.of(), "-S", "QueryRetrieveLevel=STUDY",
                "StudyInstanceUID=" + uid("9", "1"));

        assertThat(result.output()).contains("Received Final Move Response (Refused: MoveDestinationUnknown)");
        assertThat(storescp.receivedFiles()).isEmpty();
    }

    /**
     * The requestor listens as a Storage SCP and names itself as destination; its AE title is
     * not in the AE table, so nothing goes to the address the request came from.
     */
    @Test
    void neverSendsToTheRequestorsAddressForADestinationNotInTheTable() throws Exception {
        Dcmtk.Result result = movescu("UNLISTED", List.of("-aet", "UNLISTED", "--port", Integer.toString(freePort()),
                "-od", out.toString()), "-S", "QueryRetrieveLevel=STUDY", "StudyInstanceUID=" + uid("9", "1"));

        assertThat(result.output()).contains("Received Final Move Response (Refused: MoveDestinationUnknown)");
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void answersADestinationThatRefusesTheAssociationWithA702() throws Exception {
        Dcmtk.Result result = movescu("NOBODY", List.of(), "-S", "QueryRetrieveLevel=STUDY",
                "StudyInstanceUID=" + uid("9", "1"));

        assertThat(result.output()).contains("Received Final Move Response (Refused: OutOfResourcesSubOperations)");
        assertThat(result.output()).doesNotContain("Received Move Response (Pending)");
    }

    /** A port nothing listens on a moment ago. */
    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }

    private Dcmtk.Result movescu(String destination, List<String> options, String model, String... keys)
            throws Exception {
        List<String> command = new ArrayList<>(List.of("-v", model, "-aet", "MOVESCU", "-aec", "PACSLITE",
                "-aem", destination));
        command.addAll(options);
        for (String key : keys) {
            command.addAll(List.of("-k", key));
        }
        command.addAll(List.of("127.0.0.1", Integer.toString(server.port())));
        return Dcmtk.run(out.getParent(), "movescu", command);
    }
}
