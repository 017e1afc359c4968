package io.pacslite.dicomweb.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.archive.access.Role;
import io.pacslite.dicomweb.server.DicomWebConfig;
import io.pacslite.dicomweb.server.TestServer;
import io.pacslite.testing.CdArchives;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upload page at {@code /upload} in Debian's headless chromium: a ZIP of 1,000 small
 * instances chosen in its file input is uploaded, the bar reaches 100% and a link into the
 * viewer appears for the study; on a server that wants a token from every client, the page
 * opened with {@code ?token=} uploads with it and takes it out of the address bar. No page
 * breaks its Content-Security-Policy. Screenshots: target/upload-*.png. In CI a missing
 * chromium fails the test; elsewhere it is skipped.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UploadPageBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String STUDY_LINK = "document.querySelector('a.study-link')";
    private static final String PROGRESS = "(document.querySelector('#uploads progress') || {value: -1}).value";

    TestServer server;
    TestServer closed;
    Chromium browser;
    Path dir;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        this.dir = dir;
        Path viewer = Files.createDirectories(dir.resolve("viewer"));
        Files.writeString(viewer.resolve("index.html"), "<!DOCTYPE html><html><body>viewer</body></html>");
        server = TestServer.start(dir.resolve("archive"), DicomWebConfig.DEFAULTS.withViewerDirectory(viewer));
        closed = TestServer.start(dir.resolve("closed"), DicomWebConfig.DEFAULTS.withViewerDirectory(viewer)
                .withAccess(false, true));
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
    void aThousandInstanceZipIsUploadedToTheEndAndItsStudyLinked() throws Exception {
        Path zip = dir.resolve("thousand.zip");
        Map<String, CdArchives.MemberWriter> members = new LinkedHashMap<>();
        for (int i = 0; i < 1000; i++) {
            int number = i + 1;
            members.put(String.format("DICOM/I%07d", i), out -> out.write(CdArchives.instance("UPL1", "801", "1", number)));
        }
        try (OutputStream out = Files.newOutputStream(zip)) {
            CdArchives.zip(out, members);
        }

        open(server.url + "/upload");
        browser.setFiles("#files", List.of(zip));
        boolean linked = Chromium.await(WAIT, () -> browser.evaluate("!!" + STUDY_LINK).asBoolean());
        Files.write(Path.of("target", "upload-page.png"), browser.screenshot());

        assertThat(linked).as("the study's link appears; page: %s; console: %s", browser.text(), browser.console())
                .isTrue();
        assertThat(browser.evaluate(PROGRESS).asInt()).as("the bar").isEqualTo(100);
        assertThat(browser.text()).contains("100%").contains("Done: 1000 instances");
        assertThat(browser.evaluate(STUDY_LINK + ".getAttribute('href')").asText())
                .isEqualTo("/viewer?StudyInstanceUIDs=" + io.pacslite.testing.SyntheticInstances.uid("801"));
        assertThat(server.archive.index().stats().instances()).isEqualTo(1000);
        assertThat(browser.console()).as("Content-Security-Policy violations")
                .noneMatch(line -> line.contains("Content Security Policy"));
    }

    /**
     * Opens the page and waits until it is the new one, loaded, with its script run: Page.navigate
     * answers before the old document is gone, and a file input found in that one is stale.
     */
    private void open(String url) throws InterruptedException {
        String page = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        browser.navigate(url);
        assertThat(Chromium.await(WAIT, () -> browser.evaluate("document.readyState === 'complete' && "
                + "location.origin + location.pathname === '" + page + "' && !!document.querySelector('#files')")
                .asBoolean())).as("the page %s; shows: %s", url, browser.text()).isTrue();
    }

    @Test
    @Timeout(300)
    void onAClosedServerThePageUploadsWithItsTokenAndHidesIt() throws Exception {
        String uploader = closed.archive.apiTokens().create("uploader", Role.UPLOADER, null).secret();
        Path zip = dir.resolve("two.zip");
        Files.write(zip, CdArchives.zip(Map.of("A", CdArchives.instance("UPL2", "802", "1", 1),
                "B", CdArchives.instance("UPL2", "802", "1", 2))));

        open(closed.url + "/upload?token=" + uploader);
        assertThat(browser.evaluate("location.search").asText()).as("the token leaves the address bar").isEmpty();
        browser.setFiles("#files", List.of(zip));
        boolean linked = Chromium.await(WAIT, () -> browser.evaluate("!!" + STUDY_LINK).asBoolean());
        Files.write(Path.of("target", "upload-token.png"), browser.screenshot());

        assertThat(linked).as("page: %s; console: %s", browser.text(), browser.console()).isTrue();
        assertThat(browser.evaluate(STUDY_LINK + ".getAttribute('href')").asText())
                .as("the viewer link carries the token as OHIF reads it").endsWith("&token=" + uploader);
        assertThat(closed.archive.index().stats().instances()).isEqualTo(2);
    }
}
