package io.pacslite.archive.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pacslite.archive.index.Index;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditTrailTest {

    private static final Instant NOON = Instant.parse("2026-11-22T12:00:00.123456789Z");

    @TempDir
    Path dir;

    private Index index;

    @BeforeEach
    void openIndex() {
        index = Index.open(dir.resolve("index"));
    }

    @AfterEach
    void closeIndex() {
        index.close();
    }

    @Test
    void aTrailOfSeveralBatchesVerifies() throws InterruptedException {
        try (AuditTrail trail = trail()) {
            trail.record(event(AuditEvent.Action.STORE, "1.2.3"));
            trail.flush();
            trail.record(event(AuditEvent.Action.QUERY, null));
            trail.record(event(AuditEvent.Action.REFUSED, null));
        }
        try (AuditTrail reopened = trail()) {
            reopened.record(event(AuditEvent.Action.VIEW, "1.2.3"));
        }

        assertThat(trail().verify()).isEqualTo(new Verification(4, 0, null));
        assertThat(rows()).extracting(ChainedEvent::seq).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void flushWaitsUntilTheEventIsInTheIndex() throws InterruptedException {
        try (AuditTrail trail = trail()) {
            trail.record(event(AuditEvent.Action.DELETE, "1.2.3"));
            trail.flush();
            assertThat(rows()).extracting(r -> r.event().action()).containsExactly(AuditEvent.Action.DELETE);
        }
    }

    @Test
    void anEditedRowBreaksTheChainAtThatRow() {
        recordThree();
        sql("UPDATE audit_event SET who = 'someone else' WHERE seq = 2");

        Verification verification = trail().verify();
        assertThat(verification.intact()).isFalse();
        assertThat(verification.firstBroken()).isEqualTo(2);
        assertThat(verification.reason()).contains("hash does not match");
    }

    @Test
    void aDeletedRowBreaksTheChainAtTheRowAfterIt() {
        recordThree();
        sql("DELETE FROM audit_event WHERE seq = 2");

        Verification verification = trail().verify();
        assertThat(verification.firstBroken()).isEqualTo(3);
        assertThat(verification.reason()).isEqualTo("rows 2 to 2 are missing");
    }

    @Test
    void theJsonLinesAreTheRows() throws Exception {
        recordThree();

        List<String> lines = Files.readAllLines(
                AuditTrail.fileFor(dir.resolve("audit"), LocalDate.ofInstant(NOON, ZoneOffset.UTC)));
        assertThat(lines).containsExactlyElementsOf(rows().stream().map(AuditJson::line).toList());
        JsonNode query = new ObjectMapper().readTree(lines.get(1));
        assertThat(query.get("action").asText()).isEqualTo("QUERY");
        assertThat(query.get("at").asText()).isEqualTo("2026-11-22T12:00:00.123456Z");
        assertThat(query.get("queryKeys").toString()).isEqualTo("[\"PatientName\",\"StudyDate\"]");
        assertThat(query.get("hash").asText()).isEqualTo(rows().get(1).hash());
    }

    @Test
    void anEventReadBackEqualsTheEventWritten() throws InterruptedException {
        AuditEvent written = new AuditEvent(NOON, "x".repeat(200), "admin", "192.0.2.7", AuditEvent.Action.RETRIEVE,
                "1.2", "1.2.3", "1.2.3.4", List.of("StudyInstanceUID"), "OK");
        try (AuditTrail trail = trail()) {
            trail.record(written);
        }
        assertThat(rows()).extracting(ChainedEvent::event).containsExactly(written);
        assertThat(written.who()).hasSize(AuditEvent.MAX_WHO);
    }

    @Test
    void searchMatchesStudyCallerAndTime() {
        recordThree();

        assertThat(search(new AuditQuery("1.2.3", null, null))).containsExactly(1L);
        assertThat(search(new AuditQuery(null, "alice", null))).containsExactly(2L);
        assertThat(search(new AuditQuery(null, "STORESCU", NOON.minusSeconds(1)))).containsExactly(1L, 3L);
        assertThat(search(new AuditQuery(null, null, NOON.plusSeconds(1)))).isEmpty();
    }

    private List<Long> search(AuditQuery query) {
        List<Long> seqs = new ArrayList<>();
        index.auditEvents().search(query, row -> seqs.add(row.seq()));
        return seqs;
    }

    private void recordThree() {
        try (AuditTrail trail = trail()) {
            trail.record(event(AuditEvent.Action.STORE, "1.2.3"));
            trail.record(new AuditEvent(NOON, "alice", "reader", "192.0.2.1", AuditEvent.Action.QUERY,
                    null, null, null, List.of("PatientName", "StudyDate"), "OK"));
            trail.record(event(AuditEvent.Action.REFUSED, null));
        }
    }

    private AuditTrail trail() {
        return new AuditTrail(index.auditEvents(), dir.resolve("audit"), AuditTrail.DEFAULT_CAPACITY);
    }

    private static AuditEvent event(AuditEvent.Action action, String studyUid) {
        return new AuditEvent(NOON, "STORESCU", null, "192.0.2.9", action, studyUid, null, null, null,
                action == AuditEvent.Action.REFUSED ? "401 no credentials" : "OK");
    }

    private List<ChainedEvent> rows() {
        List<ChainedEvent> rows = new ArrayList<>();
        index.auditEvents().search(AuditQuery.ALL, rows::add);
        return rows;
    }

    /** Tampers with the table as someone with access to the database could; the unit of work commits. */
    private void sql(String statement) {
        index.read("tampering", c -> {
            try (Statement s = c.createStatement()) {
                return s.executeUpdate(statement);
            }
        });
    }
}
