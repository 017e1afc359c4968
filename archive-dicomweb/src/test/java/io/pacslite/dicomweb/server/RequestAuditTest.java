package io.pacslite.dicomweb.server;

import static io.pacslite.testing.SyntheticInstances.ct;
import static io.pacslite.testing.SyntheticInstances.uid;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.archive.audit.AuditEvent;
import io.pacslite.archive.audit.AuditEvent.Action;
import io.pacslite.archive.audit.AuditQuery;
import io.pacslite.dicom.io.TransferSyntax;
import io.pacslite.testing.SyntheticInstances;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit trail of HTTP requests, read back from the index of a running server. */
class RequestAuditTest {

    private static final String STUDY = "1.2.826.0.1.3680043.8.498.1";

    @TempDir
    Path dir;

    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start(dir);
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    @Test
    void aQueryIsRecordedWithItsKeyNamesButNotTheirValues() throws InterruptedException {
        server.get("/dicom-web/studies?PatientName=Doe*&StudyDate=20200101");

        AuditEvent query = single(Action.QUERY);
        assertThat(query.who()).isEqualTo("loopback");
        assertThat(query.role()).isEqualTo("admin");
        assertThat(query.address()).isEqualTo("127.0.0.1");
        assertThat(query.queryKeys()).containsExactlyInAnyOrder("PatientName", "StudyDate");
        assertThat(query.outcome()).isEqualTo("200");
        assertThat(query.toString()).doesNotContain("Doe").doesNotContain("20200101");
    }

    @Test
    void aRefusedRequestIsRecordedWithItsReason() throws InterruptedException {
        server.get("/dicom-web/studies", "Authorization", "Bearer not-a-token");

        AuditEvent refused = single(Action.REFUSED);
        assertThat(refused.who()).isNull();
        assertThat(refused.outcome()).isEqualTo("401 the bearer token is unknown, expired or revoked");
    }

    @Test
    void framesOfOneStudyAreOneViewNotOnePerFrame() throws InterruptedException {
        String frames = "/dicom-web/studies/" + STUDY + "/series/1.2.3/instances/1.2.3.4/frames/";
        for (int frame = 1; frame <= 4; frame++) {
            server.get(frames + frame);
        }

        // Four requests in quick succession span at most one change of minute.
        List<AuditEvent> views = events().stream().filter(e -> e.action() == Action.VIEW).toList();
        assertThat(views).hasSizeBetween(1, 2).allSatisfy(view -> {
            assertThat(view.studyUid()).isEqualTo(STUDY);
            assertThat(view.sopUid()).isEqualTo("1.2.3.4");
        });
    }

    @Test
    void aDeleteIsRecordedWithItsStudyAndTheChainHolds() throws InterruptedException {
        server.delete("/dicom-web/studies/" + STUDY);

        AuditEvent delete = single(Action.DELETE);
        assertThat(delete.studyUid()).isEqualTo(STUDY);
        assertThat(delete.outcome()).startsWith("404");
        assertThat(server.archive.audit().verify().intact()).isTrue();
    }

    @Test
    void aStowOfTwoStudiesIsRecordedOncePerStudy() throws InterruptedException {
        List<byte[]> parts = new ArrayList<>();
        for (String study : List.of("81", "82")) {
            for (int number = 1; number <= 2; number++) {
                parts.add(SyntheticInstances.partTen(ct("P" + study, uid(study), uid(study, "1"),
                        uid(study, "1", "" + number), 16, number), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
            }
        }

        server.post("/dicom-web/studies", "multipart/related; type=\"application/dicom\"; boundary=b1",
                TestServer.multipart("b1", "application/dicom", parts));

        List<AuditEvent> stores = events();
        assertThat(stores).extracting(AuditEvent::action).containsOnly(Action.STORE);
        assertThat(stores).extracting(AuditEvent::studyUid).containsExactly(uid("81"), uid("82"));
        assertThat(stores).extracting(AuditEvent::outcome).containsOnly("200");
    }

    @Test
    void readingTheTrailIsRecordedInIt() throws InterruptedException {
        server.get("/api/audit?study=" + STUDY);

        AuditEvent read = single(Action.AUDIT_READ);
        assertThat(read.who()).isEqualTo("loopback");
        assertThat(read.outcome()).isEqualTo("200");
    }

    @Test
    void openRoutesAreNotRecorded() throws InterruptedException {
        server.get("/health");

        assertThat(events()).isEmpty();
    }

    private AuditEvent single(Action action) throws InterruptedException {
        List<AuditEvent> events = events();
        assertThat(events).extracting(AuditEvent::action).containsExactly(action);
        return events.get(0);
    }

    private List<AuditEvent> events() throws InterruptedException {
        server.archive.audit().flush();
        List<AuditEvent> events = new ArrayList<>();
        server.archive.index().auditEvents().search(AuditQuery.ALL, row -> events.add(row.event()));
        return events;
    }
}
