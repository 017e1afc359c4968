package io.pacslite.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pacslite serve} as a real process: dcmtk's echoscu and storescu talk to it, so does an
 * HTTP client (STOW-RS, WADO-RS), and SIGTERM stops it cleanly (the archive is marked closed, no recovery is needed).
 */
class ServeCommandTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void takesEchoAndStoreFromDcmtkAndStopsCleanlyOnSigterm() throws Exception {
        Path data = dir.resolve("archive");
        Path files = generated(20);

        try (ServeProcess server = ServeProcess.start(data, List.of(), "--ae-title", "TESTARCHIVE")) {
            assertThat(ServeProcess.dcmtk(60, "echoscu", "-aec", "TESTARCHIVE", "127.0.0.1", server.port())).isZero();
            assertThat(ServeProcess.dcmtk(60, "storescu", "-aec", "TESTARCHIVE", "+sd", "+r", "127.0.0.1",
                    server.port(), files.toString())).isZero();
            assertThat(server.stop()).as("exit status after SIGTERM").isZero();
        }

        assertClosedCleanly(data);
        assertThat(CommandRunner.run("stats", "--json", "--data-dir", data.toString()).out())
                .contains("\"instances\": 20");
    }

    @Test
    @Timeout(120)
    void takesStowAndAnswersWadoOverHttpThenStopsCleanlyOnSigterm() throws Exception {
        Path data = dir.resolve("archive");
        Path file;
        try (Stream<Path> walk = Files.walk(generated(1))) {
            file = walk.filter(Files::isRegularFile).findFirst().orElseThrow();
        }
        HttpClient http = HttpClient.newHttpClient();

        try (ServeProcess server = ServeProcess.start(data, List.of())) {
            HttpResponse<String> stored = http.send(HttpRequest.newBuilder(URI.create(server.httpUrl()
                    + "/dicom-web/studies")).header("Content-Type", "application/dicom")
                    .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
            // The last RetrieveURL in the answer is the instance's.
            String retrieveUrl = stored.body()
                    .replaceAll(".*\"00081190\":\\{\"vr\":\"UR\",\"Value\":\\[\"([^\"]+)\".*", "$1");
            HttpResponse<String> metadata = http.send(HttpRequest.newBuilder(URI.create(retrieveUrl + "/metadata"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(metadata.statusCode()).isEqualTo(200);
            assertThat(http.send(HttpRequest.newBuilder(URI.create(server.httpUrl() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("ok\n");
            assertThat(server.stop()).as("exit status after SIGTERM").isZero();
        }

        assertClosedCleanly(data);
    }

    @Test
    @Timeout(120)
    void servesTheViewerAtTheRootAndSaysWhereInItsStartLine() throws Exception {
        Path viewer = Files.createDirectories(dir.resolve("viewer"));
        Files.writeString(viewer.resolve("index.html"), "<!doctype html><title>OHIF</title>");
        HttpClient http = HttpClient.newHttpClient();

        try (ServeProcess server = ServeProcess.start(dir.resolve("archive"), List.of(),
                "--viewer-dir", viewer.toString())) {
            assertThat(server.startLine()).contains("DIMSE PACSLITE on 127.0.0.1:")
                    .endsWith(", OHIF viewer " + server.httpUrl() + "/");
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(server.httpUrl()
                    + "/viewer?StudyInstanceUIDs=1.2.3")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.body()).contains("<title>OHIF</title>");
            assertThat(server.stop()).isZero();
        }
    }

    @Test
    @Timeout(120)
    void noViewerLeavesTheRootEmpty() throws Exception {
        try (ServeProcess server = ServeProcess.start(dir.resolve("archive"), List.of(), "--no-viewer")) {
            assertThat(server.startLine()).endsWith(", no viewer");
            assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.httpUrl() + "/"))
                    .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
            assertThat(server.stop()).isZero();
        }
    }

    @Test
    void refusesAViewerFolderWithoutAViewer() {
        CommandRunner.Run run = CommandRunner.run("serve", "--data-dir", dir.resolve("archive").toString(),
                "--viewer-dir", dir.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no viewer in " + dir).contains("bin/fetch-ohif");
    }

    /** A folder of {@code instances} generated CT instances. */
    private Path generated(int instances) {
        Path files = dir.resolve("files");
        assertThat(CommandRunner.run("generate", files.toString(), "--instances", Integer.toString(instances),
                "--size", "32").exitCode()).isZero();
        return files;
    }

    /** The archive was marked closed (no recovery needed) and every file matches its row. */
    @Test
    @Timeout(120)
    void acceptsOnlyTheConfiguredCallingAeTitlesAndRefusesBadSettings() throws Exception {
        Path data = dir.resolve("archive");
        try (ServeProcess server = ServeProcess.start(data, List.of(), "--calling-ae", "MODALITY",
                "--calling-ae", "VIEWER", "--qr-calling-ae", "VIEWER",
                "--require-called-ae", "--artim-timeout", "5", "--idle-timeout", "60", "--max-associations", "4")) {
            assertThat(ServeProcess.dcmtk(60, "echoscu", "-aet", "MODALITY", "-aec", "PACSLITE", "127.0.0.1",
                    server.port())).as("allowed calling AE").isZero();
            assertThat(ServeProcess.dcmtk(60, "findscu", "-S", "-aet", "VIEWER", "-aec", "PACSLITE",
                    "-k", "QueryRetrieveLevel=STUDY", "127.0.0.1", server.port())).as("C-FIND allowed").isZero();
            assertThat(ServeProcess.dcmtk(60, "findscu", "-S", "-aet", "MODALITY", "-aec", "PACSLITE",
                    "-k", "QueryRetrieveLevel=STUDY", "127.0.0.1", server.port())).as("C-FIND not allowed")
                    .isNotZero();
            assertThat(ServeProcess.dcmtk(60, "echoscu", "-aet", "STRANGER", "-aec", "PACSLITE", "127.0.0.1",
                    server.port())).as("other calling AE").isNotZero();
            assertThat(ServeProcess.dcmtk(60, "echoscu", "-aet", "MODALITY", "-aec", "OTHER", "127.0.0.1",
                    server.port())).as("wrong called AE").isNotZero();
            assertThat(server.stop()).isZero();
        }

        CommandRunner.Run bad = CommandRunner.run("serve", "--data-dir", data.toString(), "--dicom-port", "0",
                "--http-port", "0", "--ae-title", "A TITLE LONGER THAN SIXTEEN");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("pacslite serve:");
    }

    private static void assertClosedCleanly(Path data) throws Exception {
        assertThat(Files.readString(data.resolve("pacslite.lock"))).isEqualTo("closed\n");
        assertThat(CommandRunner.run("verify", "--data-dir", data.toString()).exitCode()).isZero();
    }
}
