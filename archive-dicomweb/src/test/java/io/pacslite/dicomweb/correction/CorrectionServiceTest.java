package io.pacslite.dicomweb.correction;

import static io.pacslite.testing.SyntheticInstances.uid;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pacslite.archive.audit.AuditEvent;
import io.pacslite.archive.audit.AuditQuery;
import io.pacslite.archive.index.StoredInstance;
import io.pacslite.dicomweb.server.TestServer;
import io.pacslite.testing.TestPeers;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PATCH /api/studies/{study} over real HTTP: QIDO, the stored files, the audit trail and the history see it. */
class CorrectionServiceTest {

    private static final String STUDY = uid("31");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;

    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start(root);
        server.storeCt("P1", STUDY, 2);
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    @Test
    void aCorrectionIsSeenByQidoInTheFilesInTheAuditTrailAndTheOriginalsAreKept() throws Exception {
        HttpResponse<byte[]> corrected = patch(STUDY, "{\"PatientID\": \"P2\", \"IssuerOfPatientID\": \"HOSP\","
                + " \"PatientName\": \"Roe^Ann\", \"StudyDescription\": \"CT Abdomen\"}");

        assertThat(corrected.statusCode()).as(TestServer.text(corrected)).isEqualTo(200);
        JsonNode answer = JSON.readTree(corrected.body());
        assertThat(answer.get("rewritten").asInt()).isEqualTo(2);
        assertThat(answer.at("/changes/PatientID/before").asText()).isEqualTo("P1");

        JsonNode found = JSON.readTree(server.get("/dicom-web/studies?PatientID=P2&includefield=StudyDescription")
                .body());
        assertThat(found).hasSize(1);
        assertThat(found.get(0).at("/00100010/Value/0/Alphabetic").asText()).isEqualTo("Roe^Ann");
        assertThat(found.get(0).at("/00081030/Value/0").asText()).isEqualTo("CT Abdomen");
        assertThat(JSON.readTree(server.get("/dicom-web/studies?PatientID=P1").body())).isEmpty();
        JsonNode metadata = JSON.readTree(server.get("/dicom-web/studies/" + STUDY + "/metadata").body());
        assertThat(metadata).allSatisfy(instance ->
                assertThat(instance.at("/00100021/Value/0").asText()).isEqualTo("HOSP"));

        TestPeers.require("dcmdump");
        StoredInstance first = server.archive.index().instances(STUDY, null, null).get(0);
        TestPeers.Result dump = TestPeers.run(List.of("dcmdump",
                server.archive.blobs().pathOf(first.fileKey()).toString()), null);
        assertThat(dump.stdout()).contains("(0010,0020) LO [P2]", "(0400,0561) SQ", "(0400,0550) SQ",
                "(0010,0020) LO [P1]", "(0400,0565) CS [CORRECT]");

        server.archive.audit().flush();
        List<AuditEvent> events = new ArrayList<>();
        server.archive.index().auditEvents().search(new AuditQuery(STUDY, null, null), row -> events.add(row.event()));
        assertThat(events).filteredOn(event -> event.action() == AuditEvent.Action.CORRECT).singleElement()
                .satisfies(event -> {
                    assertThat(event.outcome()).isEqualTo("200");
                    assertThat(event.detail()).contains("\"PatientID\":{\"before\":\"P1\",\"after\":\"P2\"}");
                });
        assertThat(server.archive.audit().verify().intact()).isTrue();
        try (var kept = Files.walk(root.resolve("history"))) {
            assertThat(kept.filter(path -> path.toString().endsWith(".dcm"))).hasSize(2);
        }
    }

    @Test
    void badRequestsAreRefusedWithAReasonAndChangeNothing() throws Exception {
        assertThat(patch(STUDY, "{\"StudyInstanceUID\": \"1.2\"}").statusCode()).isEqualTo(400);
        assertThat(TestServer.text(patch(STUDY, "{\"PatientSex\": \"female\"}"))).contains("PatientSex");
        assertThat(patch(STUDY, "PatientID=P2").statusCode()).isEqualTo(400);
        assertThat(patch(STUDY, "{\"PatientID\": 2}").statusCode()).isEqualTo(400);
        assertThat(patch(uid("404"), "{\"PatientID\": \"P2\"}").statusCode()).isEqualTo(404);

        StoredInstance lost = server.archive.index().instances(STUDY, null, null).get(1);
        Files.delete(server.archive.blobs().pathOf(lost.fileKey()));
        HttpResponse<byte[]> missing = patch(STUDY, "{\"PatientID\": \"P2\"}");
        assertThat(missing.statusCode()).isEqualTo(503);
        assertThat(TestServer.text(missing)).contains(lost.sopUid());

        assertThat(JSON.readTree(server.get("/dicom-web/studies?PatientID=P1").body())).hasSize(1);
        assertThat(root.resolve("history")).doesNotExist();
    }

    private HttpResponse<byte[]> patch(String study, String body) {
        return server.send(server.request("/api/studies/" + study, "Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    }
}
