package io.pacslite.dicomweb.report;

import static io.pacslite.testing.SyntheticInstances.uid;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pacslite.archive.audit.AuditEvent;
import io.pacslite.archive.audit.AuditQuery;
import io.pacslite.archive.store.StorageKeys;
import io.pacslite.dicomweb.server.TestServer;
import io.pacslite.testing.TestPdfs;
import io.pacslite.testing.TestPeers;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reports over real HTTP: attached, found by QIDO, retrieved as PDF, replaced, removed, refused. */
class ReportServiceTest {

    private static final String STUDY = uid("9");
    private static final String REPORTS = "/api/studies/" + STUDY + "/reports";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;

    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start(root);
        server.storeCt("P9", STUDY, 1);
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    @Test
    void anAttachedReportIsAValidEncapsulatedPdfThatQidoFindsAndWadoReturnsAsPdf() throws Exception {
        byte[] pdf = TestPdfs.onePage("Findings: none", 2001);

        HttpResponse<byte[]> created = server.post(REPORTS + "?title=Chest%20CT", "application/pdf", pdf);

        assertThat(created.statusCode()).as(TestServer.text(created)).isEqualTo(201);
        JsonNode report = JSON.readTree(created.body());
        assertThat(report.get("title").asText()).isEqualTo("Chest CT");
        String series = report.get("seriesInstanceUID").asText();
        String sop = report.get("sopInstanceUID").asText();
        String instance = "/dicom-web/studies/" + STUDY + "/series/" + series + "/instances/" + sop;
        assertThat(created.headers().firstValue("Location")).hasValue(server.url + instance);

        Path file = server.archive.blobs().pathOf(StorageKeys.of(STUDY, series, sop));
        TestPeers.require("dciodvfy");
        TestPeers.Result verified = TestPeers.run(List.of("dciodvfy", file.toString()), null);
        assertThat(verified.stderr()).contains("EncapsulatedPDF").doesNotContain("Error");
        TestPeers.requirePydicom();
        TestPeers.Result read = TestPeers.run(List.of(TestPeers.PYTHON, "-c",
                "import sys, pydicom; d = pydicom.dcmread(sys.argv[1]); print(d.SOPClassUID, d.Modality,"
                        + " d.DocumentTitle, d.ContributingEquipmentSequence[0].OperatorsName)", file.toString()), null);
        assertThat(read.stdout().strip()).isEqualTo("1.2.840.10008.5.1.4.1.1.104.1 DOC Chest CT loopback");

        JsonNode studies = JSON.readTree(server.get("/dicom-web/studies?StudyInstanceUID=" + STUDY
                + "&includefield=ModalitiesInStudy").body());
        assertThat(studies.get(0).at("/00080061/Value").toString()).isEqualTo("[\"CT\",\"DOC\"]");
        JsonNode docSeries = JSON.readTree(server.get("/dicom-web/studies/" + STUDY + "/series?Modality=DOC").body());
        assertThat(docSeries).hasSize(1);
        assertThat(docSeries.get(0).at("/0008103E/Value/0").asText()).isEqualTo("Reports");

        HttpResponse<byte[]> rendered = server.get(instance + "/rendered", "Accept", "application/pdf");
        assertThat(rendered.statusCode()).isEqualTo(200);
        assertThat(rendered.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(rendered.headers().firstValue("Content-Security-Policy"))
                .hasValue("default-src 'none'; frame-ancestors 'self'; object-src 'self'");
        assertThat(rendered.body()).isEqualTo(pdf);

        JsonNode metadata = JSON.readTree(server.get(instance + "/metadata").body());
        String bulkData = metadata.get(0).at("/00420011/BulkDataURI").asText();
        HttpResponse<byte[]> single = server.send(HttpRequest.newBuilder(java.net.URI.create(bulkData))
                .header("Accept", "application/pdf").build());
        assertThat(single.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(Arrays.copyOf(single.body(), pdf.length)).isEqualTo(pdf);
        HttpResponse<byte[]> multipart = server.send(HttpRequest.newBuilder(java.net.URI.create(bulkData))
                .header("Accept", "multipart/related; type=\"application/pdf\"").build());
        List<TestServer.Part> parts = TestServer.parts(multipart);
        assertThat(parts).singleElement().satisfies(part -> {
            assertThat(part.contentType()).isEqualTo("application/pdf");
            assertThat(Arrays.copyOf(part.body(), pdf.length)).isEqualTo(pdf);
        });
    }

    @Test
    void aReplacementKeepsTheOldReportMarkedSupersededAndAnAdminCanRemoveIt() throws Exception {
        JsonNode first = JSON.readTree(server.post(REPORTS, "application/pdf", TestPdfs.onePage("draft", 0),
                "Content-Disposition", "attachment; filename=\"Preliminary report.pdf\"").body());
        assertThat(first.get("title").asText()).isEqualTo("Preliminary report");
        String firstSop = first.get("sopInstanceUID").asText();

        HttpResponse<byte[]> replaced = server.send(server.request(REPORTS + "/" + firstSop + "?title=Final",
                "Content-Type", "application/pdf").PUT(HttpRequest.BodyPublishers.ofByteArray(
                        TestPdfs.onePage("final", 0))).build());
        assertThat(replaced.statusCode()).as(TestServer.text(replaced)).isEqualTo(201);
        String secondSop = JSON.readTree(replaced.body()).get("sopInstanceUID").asText();

        JsonNode listed = JSON.readTree(server.get(REPORTS).body());
        assertThat(listed).hasSize(2);
        assertThat(listed.get(0).get("sopInstanceUID").asText()).isEqualTo(firstSop);
        assertThat(listed.get(0).get("supersededBy").asText()).isEqualTo(secondSop);
        assertThat(listed.get(1).get("title").asText()).isEqualTo("Final");
        assertThat(listed.get(1).get("supersededBy").isNull()).isTrue();
        assertThat(listed.get(1).get("instanceNumber").asInt()).isEqualTo(2);

        HttpResponse<byte[]> again = server.post(REPORTS + "?replaces=" + firstSop, "application/pdf",
                TestPdfs.onePage("late", 0));
        assertThat(again.statusCode()).isEqualTo(409);

        assertThat(server.delete(REPORTS + "/" + secondSop).statusCode()).isEqualTo(204);
        JsonNode left = JSON.readTree(server.get(REPORTS).body());
        assertThat(left).hasSize(1);
        assertThat(left.get(0).get("supersededBy").isNull()).isTrue();
        assertThat(server.delete(REPORTS + "/" + secondSop).statusCode()).isEqualTo(404);

        server.archive.audit().flush();
        List<AuditEvent> events = new ArrayList<>();
        server.archive.index().auditEvents().search(new AuditQuery(STUDY, null, null), row -> events.add(row.event()));
        assertThat(events).extracting(AuditEvent::action).contains(AuditEvent.Action.REPORT, AuditEvent.Action.DELETE);
    }

    @Test
    void aReportLargerThanTheBodyLimitOfOtherRequestsIsAccepted() {
        byte[] pdf = TestPdfs.onePage("Large", 300_000);

        HttpResponse<byte[]> created = server.post(REPORTS, "application/pdf", pdf);

        assertThat(created.statusCode()).as(TestServer.text(created)).isEqualTo(201);
        String url = created.headers().firstValue("Location").orElseThrow();
        assertThat(server.get(url.substring(server.url.length()) + "/rendered").body()).isEqualTo(pdf);
    }

    @Test
    void whatIsNotAPdfOrGoesNowhereIsRefusedWithAReasonAndLeavesNothing() {
        long before = server.archive.index().stats().instances();
        byte[] pdf = TestPdfs.onePage("text", 0);

        HttpResponse<byte[]> wrongType = server.post(REPORTS, "application/octet-stream", pdf);
        assertThat(wrongType.statusCode()).isEqualTo(415);
        assertThat(TestServer.text(wrongType)).contains("application/pdf");
        HttpResponse<byte[]> html = server.post(REPORTS, "application/pdf",
                "<html>report</html>".getBytes(StandardCharsets.US_ASCII));
        assertThat(html.statusCode()).isEqualTo(415);
        assertThat(TestServer.text(html)).contains("%PDF-");
        HttpResponse<byte[]> cut = server.post(REPORTS, "application/pdf", Arrays.copyOf(pdf, pdf.length / 2));
        assertThat(cut.statusCode()).isEqualTo(400);
        assertThat(TestServer.text(cut)).contains("%%EOF");
        HttpResponse<byte[]> noStudy = server.post("/api/studies/" + uid("404") + "/reports", "application/pdf", pdf);
        assertThat(noStudy.statusCode()).isEqualTo(404);
        HttpResponse<byte[]> badUid = server.post("/api/studies/1..2/reports", "application/pdf", pdf);
        assertThat(badUid.statusCode()).isEqualTo(400);

        assertThat(server.archive.index().stats().instances()).isEqualTo(before);
    }
}
