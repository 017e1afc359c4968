package io.pacslite.cli;

import static io.pacslite.cli.CommandRunner.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.archive.Archive;
import io.pacslite.archive.ArchiveConfig;
import io.pacslite.archive.access.ViewerLinks;
import io.pacslite.cli.CommandRunner.Run;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code pacslite link create} on an archive no server holds, and on one a running {@code pacslite serve} holds. */
class LinkCommandTest {

    @TempDir
    Path dir;

    private Path archive;
    private String study;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void importAStudy() throws IOException {
        archive = dir.resolve("archive");
        Path files = dir.resolve("files");
        assertThat(run("generate", files.toString(), "--instances", "2", "--size", "32").exitCode()).isZero();
        Run imported = run("import", "--data-dir", archive.toString(), "--no-progress", files.toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        AtomicReference<String> uid = new AtomicReference<>();
        try (Archive opened = Archive.open(archive, ArchiveConfig.DEFAULTS)) {
            opened.index().forEachInstance(instance -> uid.set(instance.studyUid()));
        }
        study = uid.get();
    }

    @Test
    void withoutAServerTheLinkIsSignedHereAndOpensTheViewerOnThisMachine() throws IOException {
        Run create = run("link", "create", "--data-dir", archive.toString(), "--study", study, "--expires", "2h");

        assertThat(create.exitCode()).as(create.err()).isZero();
        String url = create.out().strip();
        assertThat(url).startsWith("http://localhost:8080/viewer?StudyInstanceUIDs=" + study + "&token="
                + ViewerLinks.PREFIX);
        assertThat(create.err()).contains("read-only", "expires");
        String token = url.substring(url.indexOf("&token=") + "&token=".length());
        assertThat(ViewerLinks.open(archive).authenticate(token)).hasValueSatisfying(caller ->
                assertThat(caller.study()).isEqualTo(study));
    }

    @Test
    void refusesAnUnknownStudyAndALifetimeBeyondTheLongest() {
        Run unknown = run("link", "create", "--data-dir", archive.toString(), "--study", "1.2.3.4");
        Run tooLong = run("link", "create", "--data-dir", archive.toString(), "--study", study, "--expires", "2d");

        assertThat(unknown.exitCode()).isEqualTo(PacsLite.EXIT_BAD_INPUT);
        assertThat(unknown.err()).contains("no study 1.2.3.4");
        assertThat(tooLong.exitCode()).isEqualTo(PacsLite.EXIT_BAD_INPUT);
        assertThat(tooLong.err()).contains("longer than links may work", "24h");
    }

    @Test
    @Timeout(120)
    void onARunningServerTheServerMakesTheLinkAndItReadsTheStudyOnly() throws Exception {
        try (ServeProcess server = ServeProcess.start(archive, List.of())) {
            Run create = run("link", "create", "--data-dir", archive.toString(), "--url", server.httpUrl(),
                    "--study", study);

            assertThat(create.exitCode()).as(create.err()).isZero();
            String url = create.out().strip();
            assertThat(url).startsWith(server.httpUrl() + "/viewer?StudyInstanceUIDs=" + study + "&token=");
            String token = url.substring(url.indexOf("&token=") + "&token=".length());
            assertThat(status(server, "/dicom-web/studies/" + study + "/metadata", token)).isEqualTo(200);
            assertThat(status(server, "/dicom-web/studies/1.2.3.4/metadata", token)).isEqualTo(403);
            assertThat(status(server, "/api/tokens", token)).isEqualTo(403);
        }
    }

    private int status(ServeProcess server, String path, String token) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(server.httpUrl() + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
