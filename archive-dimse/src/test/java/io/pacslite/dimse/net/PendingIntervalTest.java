package io.pacslite.dimse.net;

import static io.pacslite.testing.SyntheticInstances.uid;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.dimse.testing.Dcmtk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pending C-GET and C-MOVE responses are optional (PS3.4 C.4.2.3.1, C.4.3.3.1): with an
 * interval longer than the retrieve, dcmtk's getscu and movescu get none, only the final
 * response with the counts, and every instance still arrives. (With no interval, one after
 * every sub-operation: {@link CGetScpGetscuTest}, {@link CMoveScpMovescuTest}.)
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PendingIntervalTest {

    @TempDir
    static Path root;
    private static ArchiveServer server;
    private static Storescp storescp;

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(root.resolve("storescp"));
        storescp = Storescp.start(root.resolve("storescp"));
        AeTable table = AeTable.at(root.resolve("ae-table.txt"));
        table.add(new RemoteAe("127.0.0.1", storescp.port(), "STORESCP"));
        server = ArchiveServer.start(root.resolve("archive"), table, Duration.ofHours(1)).withQueryStudies();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        storescp.close();
    }

    @Test
    void aCGetWithinTheIntervalGetsOnlyTheFinalResponse() throws Exception {
        Path out = Files.createDirectories(root.resolve("got"));

        Dcmtk.Result result = Dcmtk.run(root, "getscu", List.of("-v", "-S", "+B", "-aet", "GETSCU", "-aec", "PACSLITE",
                "-od", out.toString(), "-k", "QueryRetrieveLevel=SERIES", "-k", "StudyInstanceUID=" + uid("9", "1"),
                "-k", "SeriesInstanceUID=" + uid("9", "1", "1"), "127.0.0.1", Integer.toString(server.port())));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("Received C-GET Response (Success)")
                .contains("Number of Completed Suboperations : 3").doesNotContain("(Pending)");
        try (var files = Files.list(out)) {
            assertThat(files).hasSize(3);
        }
    }

    @Test
    void aCMoveWithinTheIntervalGetsOnlyTheFinalResponse() throws Exception {
        storescp.clear();

        Dcmtk.Result result = Dcmtk.run(root, "movescu", List.of("-v", "-S", "-aet", "MOVESCU", "-aec", "PACSLITE",
                "-aem", "STORESCP", "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + uid("9", "1"),
                "127.0.0.1", Integer.toString(server.port())));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("Received Final Move Response (Success)")
                .doesNotContain("(Pending)");
        assertThat(storescp.receivedFiles()).hasSize(4);
    }
}
