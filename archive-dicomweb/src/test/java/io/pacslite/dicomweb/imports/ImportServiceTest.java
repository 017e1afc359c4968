package io.pacslite.dicomweb.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pacslite.archive.access.Role;
import io.pacslite.archive.index.StoredInstance;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.io.DicomReader;
import io.pacslite.dicomweb.server.DicomWebConfig;
import io.pacslite.dicomweb.server.TestServer;
import io.pacslite.testing.CdArchives;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /api/imports}, {@code GET /api/imports/{id}} and the attachments over a real server:
 * a CD-like ZIP (dcmmkdir's DICOMDIR, a PDF, a JPEG, autorun.inf, a program, a nested ZIP), a
 * browser's folder upload as multipart/form-data, and ZIP archives that are refused.
 */
class ImportServiceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    TestServer server;

    @BeforeEach
    void start() throws IOException {
        Path viewer = Files.createDirectories(dir.resolve("viewer"));
        Files.writeString(viewer.resolve("index.html"), "<!DOCTYPE html><html><body>viewer</body></html>");
        server = TestServer.start(dir.resolve("archive"), DicomWebConfig.DEFAULTS.withViewerDirectory(viewer));
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    @Test
    void aCdZipIsImportedAndItsAttachmentsAreServedAsDownloadsOnly() throws Exception {
        CdArchives.Cd cd = CdArchives.build(dir.resolve("cd"), "WEB1", "701", 5, 2);

        HttpResponse<byte[]> posted = server.post("/api/imports", "application/zip", Files.readAllBytes(cd.zip()));

        assertThat(posted.statusCode()).as(TestServer.text(posted)).isIn(200, 202);
        JsonNode started = JSON.readTree(posted.body());
        String url = started.get("url").asText();
        assertThat(url).isEqualTo("/api/imports/" + started.get("id").asText());
        assertThat(posted.headers().firstValue("Location")).hasValue(url);
        JsonNode report = awaitEnd(url);
        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("done");
        assertThat(report.get("stored").asInt()).isEqualTo(7);
        assertThat(report.get("notDicom").asInt()).isEqualTo(4);
        assertThat(report.get("failure").isNull()).isTrue();
        JsonNode study = report.get("studies").get(0);
        assertThat(study.get("studyInstanceUID").asText()).isEqualTo(cd.studyUID());
        assertThat(study.get("viewer").asText()).isEqualTo("/viewer?StudyInstanceUIDs=" + cd.studyUID());
        JsonNode directory = report.get("directories").get(0);
        assertThat(directory.get("member").asText()).isEqualTo("upload.zip!CD/DICOMDIR");
        assertThat(directory.get("references").asInt()).isEqualTo(5);
        assertThat(directory.get("missing")).isEmpty();
        for (byte[] instance : cd.allInstances().values()) {
            assertThat(stored(instance)).isEqualTo(instance);
        }

        HttpResponse<byte[]> listed = server.get("/api/studies/" + cd.studyUID() + "/attachments");
        assertThat(listed.statusCode()).isEqualTo(200);
        JsonNode attachments = JSON.readTree(listed.body());
        assertThat(attachments).hasSize(4);
        Map<String, String> expectedTypes = Map.of("REPORT.PDF", "application/pdf", "PREVIEW.JPG", "image/jpeg",
                "AUTORUN.INF", "application/octet-stream", "VIEWER.EXE", "application/octet-stream");
        for (JsonNode attachment : attachments) {
            String name = attachment.get("name").asText();
            String last = name.substring(name.lastIndexOf('/') + 1);
            assertThat(attachment.get("sha256").asText()).hasSize(64);
            HttpResponse<byte[]> download = server.get(attachment.get("url").asText());
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(download.body()).isEqualTo(cd.others().get(name.substring("upload.zip!".length())));
            assertThat(download.headers().firstValue("Content-Type")).hasValue(expectedTypes.get(last));
            assertThat(download.headers().firstValue("Content-Disposition")).hasValueSatisfying(value ->
                    assertThat(value).startsWith("attachment; filename=\"" + last + "\""));
            assertThat(download.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(download.headers().firstValue("Content-Security-Policy")).hasValue("default-src 'none'; sandbox");
            assertThat(attachment.get("size").asLong()).isEqualTo(download.body().length);
        }
        assertThat(server.get("/api/studies/" + cd.studyUID() + "/attachments/999").statusCode()).isEqualTo(404);
        assertThat(server.get("/api/studies/" + cd.studyUID() + "/attachments/..%2F..%2Fetc").statusCode())
                .isEqualTo(404);
    }

    @Test
    void aStudysLinkReadsItsAttachmentsAndNoOtherStudys() throws Exception {
        CdArchives.Cd cd = CdArchives.build(dir.resolve("cd"), "WEB2", "702", 2, 0);
        assertThat(server.post("/api/imports?wait=true", "application/zip", Files.readAllBytes(cd.zip())).statusCode())
                .isEqualTo(200);
        String link = server.archive.viewerLinks().create(cd.studyUID(), java.time.Instant.now().plusSeconds(600))
                .token();
        String other = io.pacslite.testing.SyntheticInstances.uid("799");

        assertThat(server.get("/api/studies/" + cd.studyUID() + "/attachments", "Authorization", "Bearer " + link)
                .statusCode()).isEqualTo(200);
        assertThat(server.get("/api/studies/" + other + "/attachments", "Authorization", "Bearer " + link)
                .statusCode()).isEqualTo(403);
        assertThat(server.post("/api/imports", "application/zip", new byte[0], "Authorization", "Bearer " + link)
                .statusCode()).isEqualTo(403);
        String viewer = server.archive.apiTokens().create("viewer", Role.VIEWER, null).secret();
        assertThat(server.post("/api/imports", "application/zip", new byte[0], "Authorization", "Bearer " + viewer)
                .statusCode()).isEqualTo(403);
    }

    @Test
    void aFolderUploadAsMultipartFormDataKeepsItsRelativeNames() throws Exception {
        CdArchives.Cd cd = CdArchives.build(dir.resolve("cd"), "WEB3", "703", 3, 0);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Path file : CdArchives.files(cd.folder())) {
            String relative = "CD/" + cd.folder().relativize(file).toString().replace('\\', '/');
            body.writeBytes(("--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + relative
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(Files.readAllBytes(file));
            body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        body.writeBytes("--xyz--\r\n".getBytes(StandardCharsets.US_ASCII));

        HttpResponse<byte[]> posted = server.post("/api/imports?wait=true", "multipart/form-data; boundary=xyz",
                body.toByteArray());

        assertThat(posted.statusCode()).as(TestServer.text(posted)).isEqualTo(200);
        JsonNode report = JSON.readTree(posted.body());
        assertThat(report.get("stored").asInt()).isEqualTo(3);
        assertThat(report.get("notDicom").asInt()).isEqualTo(4);
        JsonNode directory = report.get("directories").get(0);
        assertThat(directory.get("member").asText()).isEqualTo("CD/DICOMDIR");
        assertThat(directory.get("references").asInt()).isEqualTo(3);
        assertThat(directory.get("missing")).isEmpty();
        assertThat(directory.get("mismatched")).isEmpty();
    }

    @Test
    void aSingleDicomFileWithoutAnExtensionIsTakenByItsContent() throws Exception {
        byte[] instance = CdArchives.instance("WEB4", "704", "1", 1);

        HttpResponse<byte[]> posted = server.post("/api/imports?wait=true&name=I1000000", "application/octet-stream",
                instance);

        assertThat(posted.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(posted.body()).get("stored").asInt()).isEqualTo(1);
        assertThat(stored(instance)).isEqualTo(instance);
    }

    @Test
    void malformedZipsAreRefusedWithAReasonAndNothingIsStored() throws Exception {
        byte[] instance = CdArchives.instance("BAD", "705", "1", 1);
        Map<String, byte[]> bombs = new LinkedHashMap<>();
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        Map<String, CdArchives.MemberWriter> bombMembers = new LinkedHashMap<>();
        bombMembers.put("IMAGES/I0", out -> {
            out.write(instance, 0, instance.length - 16);
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                out.write(zeros);
            }
        });
        CdArchives.zip(bomb, bombMembers);
        bombs.put("inflates more than 200 times", bomb.toByteArray());
        bombs.put("climbs out of the archive", CdArchives.zip(Map.of("../../I0", instance)));
        bombs.put("is an absolute path", CdArchives.zip(Map.of("/tmp/I0", instance)));
        byte[] two = CdArchives.zip(new LinkedHashMap<>(Map.of("I0", instance)));
        bombs.put("truncated", Arrays.copyOf(two, two.length / 2));

        for (Map.Entry<String, byte[]> bad : bombs.entrySet()) {
            HttpResponse<byte[]> posted = server.post("/api/imports", "application/zip", bad.getValue());

            assertThat(posted.statusCode()).as(bad.getKey() + ": " + TestServer.text(posted)).isEqualTo(422);
            JsonNode report = JSON.readTree(posted.body());
            assertThat(report.get("status").asText()).isEqualTo("failed");
            assertThat(report.get("failure").asText()).as(bad.getKey()).contains(bad.getKey());
            assertThat(report.get("instances").asInt()).isZero();
        }
        assertThat(server.archive.index().stats().instances()).isZero();
    }

    @Test
    void unknownImportsAndOtherBodiesAreRefused() {
        assertThat(server.get("/api/imports/0123456789abcdef").statusCode()).isEqualTo(404);
        assertThat(server.post("/api/imports", "text/html", "<script>".getBytes(StandardCharsets.UTF_8))
                .statusCode()).isEqualTo(415);
    }

    @Test
    void theUploadPageRunsOnlyItsOwnScriptFile() {
        HttpResponse<byte[]> page = server.get("/upload");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).contains("script-src 'self'").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        String html = TestServer.text(page);
        assertThat(html).contains("<script src=\"/upload/upload.js\" defer></script>")
                .doesNotContainPattern("<script>[^<]");
        HttpResponse<byte[]> script = server.get("/upload/upload.js");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).hasValueSatisfying(t ->
                assertThat(t).startsWith("text/javascript"));
        assertThat(server.get("/upload/upload.css").statusCode()).isEqualTo(200);
    }

    @Test
    void contentDispositionNamesAreSafe() {
        assertThat(ImportService.contentDisposition("x.zip!CD/../\"evil\".html"))
                .isEqualTo("attachment; filename=\"_evil_.html\"; filename*=UTF-8''%22evil%22.html");
        assertThat(ImportService.contentDisposition("CD/.htaccess")).startsWith("attachment; filename=\"_htaccess\"");
        assertThat(ImportService.dispositionFileName("form-data; name=\"file\"; filename=\"CD/IMAGES/I1\""))
                .isEqualTo("CD/IMAGES/I1");
        assertThat(ImportService.dispositionFileName("form-data; name=\"file\"")).isNull();
    }

    private JsonNode awaitEnd(String url) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            HttpResponse<byte[]> got = server.get(url);
            assertThat(got.statusCode()).isEqualTo(200);
            JsonNode report = JSON.readTree(got.body());
            if (!report.get("status").asText().equals("running") || System.nanoTime() > deadline) {
                return report;
            }
            Thread.sleep(100);
        }
    }

    private byte[] stored(byte[] instance) throws IOException {
        String sop;
        try (DicomReader reader = new DicomReader(new ByteArrayInputStream(instance)).stopBeforePixelData()) {
            sop = reader.readFile().dataset().getString(Tag.SOPInstanceUID);
        }
        StoredInstance found = server.archive.index().find(sop);
        assertThat(found).as("stored: " + sop).isNotNull();
        try (InputStream in = server.archive.blobs().open(found.fileKey())) {
            return in.readAllBytes();
        }
    }
}
