package io.pacslite.cli;

import static io.pacslite.cli.CommandRunner.run;
import static io.pacslite.testing.SyntheticInstances.ct;
import static io.pacslite.testing.SyntheticInstances.uid;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.archive.Archive;
import io.pacslite.archive.ArchiveConfig;
import io.pacslite.archive.audit.AuditEvent;
import io.pacslite.archive.audit.AuditQuery;
import io.pacslite.archive.index.StoredInstance;
import io.pacslite.archive.index.StoredMetadata;
import io.pacslite.archive.ingest.StoreContext;
import io.pacslite.cli.CommandRunner.Run;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.io.TransferSyntax;
import io.pacslite.testing.SyntheticInstances;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code pacslite correct} on an archive no server holds, and through a running {@code pacslite serve}. */
class CorrectCommandTest {

    private static final String STUDY = uid("41");

    @TempDir
    Path dir;

    @Test
    void correctsEveryInstanceAndRecordsTheValuesBeforeAndAfter() throws Exception {
        Path archive = storeStudy();

        Run corrected = run("correct", "--data-dir", archive.toString(), "--study", STUDY, "-k", "PatientID=P2",
                "-k", "PatientName=Roe^Ann");

        assertThat(corrected.exitCode()).as(corrected.err()).isZero();
        assertThat(corrected.out()).contains("\"rewritten\":2", "\"PatientID\":{\"before\":\"P1\",\"after\":\"P2\"}");
        try (Archive opened = Archive.open(archive, ArchiveConfig.DEFAULTS)) {
            for (StoredInstance instance : opened.index().instances(STUDY, null, null)) {
                assertThat(StoredMetadata.dataset(opened.index().metadata(instance.sopUid())).getString(Tag.PatientName))
                        .isEqualTo("Roe^Ann");
            }
            List<AuditEvent> events = new ArrayList<>();
            opened.index().auditEvents().search(new AuditQuery(STUDY, null, null), row -> events.add(row.event()));
            assertThat(events).singleElement().satisfies(event -> {
                assertThat(event.action()).isEqualTo(AuditEvent.Action.CORRECT);
                assertThat(event.who()).startsWith("cli ");
                assertThat(event.detail()).contains("\"PatientName\":{\"before\":\"Doe^Jane^P1\",\"after\":\"Roe^Ann\"}");
            });
        }
        Run unknown = run("correct", "--data-dir", archive.toString(), "--study", STUDY, "-k", "Modality=MR");
        assertThat(unknown.exitCode()).isEqualTo(PacsLite.EXIT_BAD_INPUT);
        assertThat(unknown.err()).contains("Modality cannot be corrected");
        Run missing = run("correct", "--data-dir", archive.toString(), "--study", uid("404"), "-k", "PatientID=P3");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("no instance of study");
    }

    @Test
    @Timeout(120)
    void onARunningServerTheCorrectionGoesThroughIt() throws Exception {
        Path archive = storeStudy();
        try (ServeProcess server = ServeProcess.start(archive, List.of());
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            Run corrected = run("correct", "--data-dir", archive.toString(), "--url", server.httpUrl(),
                    "--study", STUDY, "-k", "AccessionNumber=ACC9");

            assertThat(corrected.exitCode()).as(corrected.err()).isZero();
            assertThat(corrected.out()).contains("\"rewritten\":2");
            HttpResponse<String> found = http.send(HttpRequest.newBuilder(URI.create(server.httpUrl()
                    + "/dicom-web/studies?AccessionNumber=ACC9")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(found.body()).contains(STUDY);
        }
    }

    private Path storeStudy() throws Exception {
        Path archive = dir.resolve("archive");
        try (Archive opened = Archive.open(archive, ArchiveConfig.DEFAULTS.withFsync(false))) {
            for (int number = 1; number <= 2; number++) {
                byte[] file = SyntheticInstances.partTen(ct("P1", STUDY, STUDY + ".1", STUDY + ".1." + number, 8,
                        number), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
                assertThat(opened.store(new ByteArrayInputStream(file), StoreContext.partTen("t")).isStored()).isTrue();
            }
        }
        return archive;
    }
}
