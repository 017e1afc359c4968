package io.pacslite.dicomweb.viewer;

import static io.pacslite.testing.SyntheticInstances.ct;
import static io.pacslite.testing.SyntheticInstances.uid;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pacslite.archive.access.Role;
import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.io.TransferSyntax;
import io.pacslite.dicomweb.server.DicomWebConfig;
import io.pacslite.dicomweb.server.TestServer;
import io.pacslite.testing.SyntheticInstances;
import io.pacslite.testing.TestPdfs;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real OHIF Viewer (the pinned @ohif/app, installed by bin/fetch-ohif) in Debian's headless
 * chromium against a real server: the stored study is in the study list, the viewer draws its
 * images from WADO-RS frames, and OHIF's Upload dialog stores a file with STOW-RS; on a server
 * that wants a token from every client, a signed viewer link opens its study and nothing else;
 * a PDF report opens in the PDF viewport from its /rendered resource.
 * No page breaks the viewer's Content-Security-Policy. Screenshots
 * go to target/ohif-*.png (CI keeps them). In CI a missing chromium fails the test; elsewhere it
 * is skipped. The waits are long because OHIF's first load under a software GPU is slow, but bounded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OhifBrowserTest {

    private static final Duration LOAD = Duration.ofSeconds(120);
    private static final String STUDY = uid("77", "1");
    private static final String SERIES = uid("77", "1", "1");
    private static final String OTHER_STUDY = uid("77", "3");

    /** How many pixels of the viewport's canvas are not black (-1 while there is no canvas). */
    private static final String LIT_PIXELS = """
            (() => {
              const canvas = document.querySelector('canvas.cornerstone-canvas');
              if (!canvas || !canvas.width) return -1;
              const copy = document.createElement('canvas');
              copy.width = canvas.width;
              copy.height = canvas.height;
              const context = copy.getContext('2d');
              context.drawImage(canvas, 0, 0);
              const rgba = context.getImageData(0, 0, copy.width, copy.height).data;
              let lit = 0;
              for (let i = 0; i < rgba.length; i += 4) if (rgba[i] + rgba[i + 1] + rgba[i + 2] > 30) lit++;
              return lit;
            })()
            """;

    TestServer server;
    /** A server that wants a token from every client, also on loopback. */
    TestServer closed;
    String admin;
    Chromium browser;
    Path files;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        Path viewer = OhifViewer.defaultDirectory();
        if (!OhifViewer.isInstalled(viewer)) {
            fetchViewer();
        }
        server = TestServer.start(dir.resolve("archive"), DicomWebConfig.DEFAULTS.withViewerDirectory(viewer));
        closed = TestServer.start(dir.resolve("closed"), DicomWebConfig.DEFAULTS.withViewerDirectory(viewer)
                .withAccess(false, true));
        admin = closed.archive.apiTokens().create("admin", Role.ADMIN, null).secret();
        files = Files.createDirectories(dir.resolve("files"));
        storeSeries(server, "OHIF1", STUDY, SERIES);
        storeSeries(closed, "OHIF1", STUDY, SERIES);
        storeSeries(closed, "OHIF3", OTHER_STUDY, uid("77", "3", "1"));
        browser = Chromium.launch(Files.createDirectories(dir.resolve("profile")));
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
        if (closed != null) {
            closed.close();
        }
    }

    @Test
    @Timeout(300)
    void studyListShowsTheStoredStudyAndTheViewerDrawsItsFrames() throws Exception {
        browser.navigate(server.url + "/");
        boolean listed = Chromium.await(LOAD, () -> browser.text().contains("Doe, Jane OHIF1"));
        screenshot("ohif-study-list.png");
        assertThat(listed).as("the study list shows the patient; page: %s; console: %s", browser.text(),
                browser.console()).isTrue();
        assertThat(browser.text()).contains("CT Chest");

        assertViewerDraws(server, server.url + "/viewer?StudyInstanceUIDs=" + STUDY, "ohif-viewer.png");
    }

    @Test
    @Timeout(300)
    void aSignedLinkOpensItsStudyOnAClosedServerAndReadsNoOther() throws Exception {
        HttpResponse<byte[]> created = closed.post("/api/links", "application/json",
                ("{\"study\": \"" + STUDY + "\", \"expires\": \"1h\"}").getBytes(StandardCharsets.UTF_8),
                "Authorization", "Bearer " + admin);
        assertThat(created.statusCode()).as(TestServer.text(created)).isEqualTo(201);
        JsonNode link = new ObjectMapper().readTree(created.body());

        assertViewerDraws(closed, link.get("url").asText(), "ohif-link.png");
        assertThat(browser.evaluate("location.search").asText()).as("OHIF takes the token out of the address bar")
                .isEqualTo("?StudyInstanceUIDs=" + STUDY);
        String bearer = "Bearer " + link.get("token").asText();
        assertThat(closed.get("/dicom-web/studies/" + OTHER_STUDY + "/series", "Authorization", bearer).statusCode())
                .isEqualTo(403);
        assertThat(closed.get("/dicom-web/studies/" + OTHER_STUDY + "/series/" + uid("77", "3", "1") + "/metadata",
                "Authorization", bearer).statusCode()).isEqualTo(403);
        assertThat(TestServer.text(closed.get("/dicom-web/studies", "Authorization", bearer)))
                .contains(STUDY).doesNotContain(OTHER_STUDY);
    }

    @Test
    @Timeout(300)
    void aReportOpensInThePdfViewportFromItsRenderedResource() throws Exception {
        String study = uid("77", "4");
        server.storeCt("OHIF4", study, 1);
        byte[] pdf = TestPdfs.onePage("Impression: no acute findings", 2001);
        HttpResponse<byte[]> created = server.post("/api/studies/" + study + "/reports?title=Report", "application/pdf",
                pdf);
        assertThat(created.statusCode()).as(TestServer.text(created)).isEqualTo(201);
        JsonNode report = new ObjectMapper().readTree(created.body());
        String rendered = report.get("url").asText() + "/rendered";

        browser.navigate(server.url + "/viewer?StudyInstanceUIDs=" + study + "&initialSeriesInstanceUID="
                + report.get("seriesInstanceUID").asText());
        boolean shown = Chromium.await(LOAD, () -> browser.evaluate(
                "document.querySelector('object[type=\"application/pdf\"]')?.data || ''").asText().equals(rendered));
        screenshot("ohif-report.png");

        assertThat(shown).as("the PDF viewport shows the report; page: %s; console: %s", browser.text(),
                browser.console()).isTrue();
        // Headless chromium has no PDF plugin (the viewport says "No online PDF viewer installed"),
        // so the page fetches the viewport's URL itself, as the plugin would.
        assertThat(browser.evaluate("fetch('" + rendered + "').then(async r => r.status + ' '"
                + " + r.headers.get('content-type') + ' ' + (await r.arrayBuffer()).byteLength)").asText())
                .isEqualTo("200 application/pdf " + pdf.length);
        assertThat(requests(server, "wado.rendered.instance")).containsKey("200");
        assertThat(browser.console()).as("Content-Security-Policy violations")
                .noneMatch(line -> line.contains("Content Security Policy"));
    }

    /**
     * Opens {@code url} and checks that the viewport shows an image (more than a tenth of the
     * canvas lit), that every frame and metadata request {@code at} answered succeeded, and that
     * nothing broke the Content-Security-Policy.
     */
    private void assertViewerDraws(TestServer at, String url, String screenshot) throws Exception {
        browser.navigate(url);
        int canvasPixels = 1075 * 600;
        boolean drawn = Chromium.await(LOAD, () -> browser.evaluate(LIT_PIXELS).asInt() > canvasPixels / 10);
        screenshot(screenshot);
        assertThat(drawn).as("the viewport shows an image (lit pixels: %s); console: %s",
                browser.evaluate(LIT_PIXELS), browser.console()).isTrue();
        Map<String, Long> frames = requests(at, "wado.frames");
        assertThat(frames).as("frame requests by status").isNotEmpty().containsOnlyKeys("200");
        assertThat(requests(at, "wado.metadata.series").keySet()).isNotEmpty().isSubsetOf("200", "304");
        assertThat(browser.responses()).filteredOn(response -> response.url().startsWith(at.url))
                .allSatisfy(response -> assertThat(response.status()).as(response.url()).isIn(200, 304));
        assertThat(browser.console()).as("Content-Security-Policy violations")
                .noneMatch(line -> line.contains("Content Security Policy"));
    }

    /** Stores a 20-slice CT series with STOW-RS (on the closed server as its admin). */
    private void storeSeries(TestServer at, String patientId, String study, String series) {
        String[] credentials = at == closed ? new String[] {"Authorization", "Bearer " + admin} : new String[0];
        List<byte[]> slices = new ArrayList<>();
        for (int slice = 1; slice <= 20; slice++) {
            slices.add(SyntheticInstances.partTen(slice(patientId, study, series, slice),
                    TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
        }
        assertThat(at.post("/dicom-web/studies", "multipart/related; type=\"application/dicom\"; boundary=b",
                TestServer.multipart("b", "application/dicom", slices), credentials).statusCode()).isEqualTo(200);
    }

    @Test
    @Timeout(300)
    void uploadDialogStoresAFile() throws Exception {
        String study = uid("77", "2");
        Path file = files.resolve("upload.dcm");
        Files.write(file, SyntheticInstances.partTen(slice("OHIF2", study, uid("77", "2", "1"), 1),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
        browser.navigate(server.url + "/");
        assertThat(Chromium.await(LOAD, () -> browser.text().contains("Upload"))).as("the Upload button").isTrue();

        // The innermost element that says Upload: the click bubbles up to whichever holds the handler.
        browser.evaluate("[...document.querySelectorAll('*')].filter(element => element.textContent.trim() === 'Upload')"
                + ".pop().click()");
        assertThat(Chromium.await(Duration.ofSeconds(30), () -> browser.evaluate(
                "document.querySelectorAll('input[type=file]').length").asInt() > 0))
                .as("the Upload dialog's file input; page: %s", browser.text()).isTrue();
        browser.setFiles("input[type=file]:not([webkitdirectory])", List.of(file));
        boolean completed = Chromium.await(LOAD, () -> browser.text().contains("1 file completed"));
        screenshot("ohif-upload.png");

        assertThat(completed).as("the dialog reports the upload done; page: %s; console: %s", browser.text(),
                browser.console()).isTrue();
        assertThat(server.get("/dicom-web/studies/" + study + "/metadata").statusCode()).isEqualTo(200);
        assertThat(requests(server, "stow")).as("the set-up's STOW-RS and the upload's").containsEntry("200", 2L);
    }

    /** One slice of a CT series, with the geometry and windowing a real scanner writes. */
    private static Attributes slice(String patientId, String study, String series, int number) {
        Attributes slice = ct(patientId, study, series, series + "." + number, 256, number);
        slice.setDoubles(Tag.ImagePositionPatient, VR.DS, -128, -128, number * 2.5);
        slice.setDoubles(Tag.ImageOrientationPatient, VR.DS, 1, 0, 0, 0, 1, 0);
        slice.setDoubles(Tag.PixelSpacing, VR.DS, 1, 1);
        slice.setDoubles(Tag.SliceThickness, VR.DS, 2.5);
        slice.setDoubles(Tag.RescaleIntercept, VR.DS, -1024);
        slice.setDoubles(Tag.RescaleSlope, VR.DS, 1);
        slice.setDoubles(Tag.WindowCenter, VR.DS, 1000);
        slice.setDoubles(Tag.WindowWidth, VR.DS, 4000);
        return slice;
    }

    /** A server's request count for {@code endpoint} by status, from its /metrics. */
    private static Map<String, Long> requests(TestServer at, String endpoint) {
        Matcher line = Pattern.compile("pacslite_http_requests_total\\{endpoint=\"" + Pattern.quote(endpoint)
                + "\",status=\"(\\d+)\"} (\\d+)").matcher(TestServer.text(at.get("/metrics")));
        return line.results().collect(Collectors.toMap(match -> match.group(1), match -> Long.parseLong(match.group(2))));
    }

    private void screenshot(String name) throws IOException {
        Files.write(Path.of("target", name), browser.screenshot());
    }

    /** Runs bin/fetch-ohif (as the build does) when the viewer is not installed yet. */
    private static void fetchViewer() throws IOException, InterruptedException {
        Process fetch = new ProcessBuilder(Path.of("..", "bin", "fetch-ohif").toString()).inheritIO().start();
        assertThat(fetch.waitFor()).as("bin/fetch-ohif exit status").isZero();
    }
}
