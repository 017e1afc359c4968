package io.pacslite.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pacslite serve} as a real process: dcmtk's echoscu and storescu talk to it, and
 * SIGTERM stops it cleanly (the archive is marked closed, no recovery is needed).
 */
class ServeCommandTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void takesEchoAndStoreFromDcmtkAndStopsCleanlyOnSigterm() throws Exception {
        Path data = dir.resolve("archive");
        Path files = dir.resolve("files");
        assertThat(CommandRunner.run("generate", files.toString(), "--instances", "20", "--size", "32").exitCode())
                .isZero();

        try (ServeProcess server = ServeProcess.start(data, List.of(), "--ae-title", "TESTARCHIVE")) {
            assertThat(ServeProcess.dcmtk(60, "echoscu", "-aec", "TESTARCHIVE", "127.0.0.1", server.port())).isZero();
            assertThat(ServeProcess.dcmtk(60, "storescu", "-aec", "TESTARCHIVE", "+sd", "+r", "127.0.0.1",
                    server.port(), files.toString())).isZero();
            assertThat(server.stop()).as("exit status after SIGTERM").isZero();
        }

        assertThat(Files.readString(data.resolve("pacslite.lock"))).isEqualTo("closed\n");
        assertThat(CommandRunner.run("stats", "--json", "--data-dir", data.toString()).out())
                .contains("\"instances\": 20");
        assertThat(CommandRunner.run("verify", "--data-dir", data.toString()).exitCode()).isZero();
    }
}
