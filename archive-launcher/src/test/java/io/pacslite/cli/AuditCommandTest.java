package io.pacslite.cli;

import static io.pacslite.cli.CommandRunner.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.archive.Archive;
import io.pacslite.archive.ArchiveConfig;
import io.pacslite.archive.audit.AuditEvent;
import io.pacslite.archive.audit.AuditEvent.Action;
import io.pacslite.cli.CommandRunner.Run;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code pacslite audit} on an archive no server holds, and through a running {@code pacslite serve}. */
class AuditCommandTest {

    private static final Instant MORNING = Instant.parse("2026-11-20T08:00:00Z");

    @TempDir
    Path dir;

    @Test
    void printsTheMatchingEventsAndFindsAnEditedRow() throws Exception {
        Path archive = dir.resolve("archive");
        try (Archive opened = Archive.open(archive, ArchiveConfig.DEFAULTS.withFsync(false))) {
            opened.audit().record(event("STORESCU", Action.STORE, "1.2.3", MORNING));
            opened.audit().record(event("token ci", Action.RETRIEVE, "1.2.4", MORNING.plusSeconds(3600)));
            opened.audit().record(event("token ci", Action.RETRIEVE, "1.2.3", MORNING.plusSeconds(7200)));
        }

        Run study = run("audit", "--data-dir", archive.toString(), "--study", "1.2.3", "--verify");
        Run since = run("audit", "--data-dir", archive.toString(), "--user", "token ci", "--since",
                "2026-11-20T08:30:00Z");
        assertThat(study.exitCode()).as(study.err()).isZero();
        assertThat(study.out().lines()).hasSize(2).allSatisfy(line -> assertThat(line).contains("\"1.2.3\""));
        assertThat(study.err()).contains("audit chain intact: 3 rows");
        assertThat(since.out().lines()).hasSize(2).allSatisfy(line -> assertThat(line).contains("RETRIEVE"));

        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + archive.toAbsolutePath().resolve("index")
                .resolve("pacslite"), "sa", ""); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE audit_event SET study_uid = '1.2.9' WHERE seq = 2");
        }
        Run broken = run("audit", "--data-dir", archive.toString(), "--verify");
        assertThat(broken.exitCode()).isEqualTo(1);
        assertThat(broken.err()).contains("audit chain broken at row 2");
        assertThat(run("audit", "--data-dir", archive.toString(), "--since", "yesterday").exitCode())
                .isEqualTo(PacsLite.EXIT_BAD_INPUT);
    }

    @Test
    @Timeout(120)
    void onARunningServerTheEventsComeThroughIt() throws Exception {
        Path archive = dir.resolve("archive");
        try (ServeProcess server = ServeProcess.start(archive, List.of());
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            http.send(HttpRequest.newBuilder(URI.create(server.httpUrl() + "/dicom-web/studies?PatientName=Doe"))
                    .build(), HttpResponse.BodyHandlers.discarding());

            Run audit = run("audit", "--data-dir", archive.toString(), "--url", server.httpUrl(), "--user", "loopback",
                    "--verify");

            assertThat(audit.exitCode()).as(audit.err()).isZero();
            assertThat(audit.out().lines()).hasSize(1).first().asString()
                    .contains("\"QUERY\"", "\"PatientName\"").doesNotContain("Doe");
            assertThat(audit.err()).contains("audit chain intact");
        }
    }

    private static AuditEvent event(String who, Action action, String study, Instant at) {
        return new AuditEvent(at, who, null, "192.0.2.1", action, study, null, null, null, "OK");
    }
}
