package io.pacslite.dicomweb.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pacslite.dicomweb.server.DicomWebConfig;
import io.pacslite.dicomweb.server.TestServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The viewer's files over a real server, from a small stand-in for OHIF's dist/ folder: types,
 * caching, app-config.js, the single-page-app fallback, and what is refused. The real viewer in
 * a real browser is {@link OhifBrowserTest}.
 */
class OhifViewerServingTest {

    private static final String INDEX = "<!doctype html><title>viewer</title><script>window.PUBLIC_URL=\"/\"</script>"
            + "<script src=\"/app-config.js\"></script>";
    /** The inline script's SHA-256 in base64: printf 'window.PUBLIC_URL="/"' | openssl dgst -sha256 -binary | base64. */
    private static final String SCRIPT_HASH = "iDPt/Ua3DNNwIdzDqulCGYDYPv58ixnA75eez8NxOJg=";

    @TempDir
    Path dir;

    TestServer server;

    @BeforeEach
    void start() throws IOException {
        Path viewer = Files.createDirectories(dir.resolve("viewer"));
        Files.writeString(viewer.resolve("index.html"), INDEX);
        Files.writeString(viewer.resolve("app.bundle.0f6159c501addfe9.js"), "console.log('app');".repeat(1000));
        Files.write(viewer.resolve("34b1e6b1deb5828e.wasm"), new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
        Files.writeString(viewer.resolve("app.bundle.css"), "body{}");
        Files.writeString(viewer.resolve("ohif-logo.svg"), "<svg/>");
        Files.writeString(viewer.resolve("manifest.json"), "{}");
        Files.write(viewer.resolve("a34f9d1faa5f3315.woff2"), new byte[] {'w', 'O', 'F', '2'});
        Files.writeString(Files.createDirectories(viewer.resolve("assets")).resolve("browserconfig.xml"), "<x/>");
        Files.writeString(viewer.resolve(".hidden"), "secret");
        Files.writeString(dir.resolve("outside.txt"), "outside");
        server = TestServer.start(dir.resolve("archive"), DicomWebConfig.DEFAULTS.withViewerDirectory(viewer));
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    @ParameterizedTest(name = "{0}: {1}, {2}")
    @CsvSource(delimiter = '|', textBlock = """
            /                                 | text/html; charset=utf-8       | no-cache
            /index.html                       | text/html; charset=utf-8       | no-cache
            /app.bundle.0f6159c501addfe9.js   | text/javascript; charset=utf-8 | public, max-age=31536000, immutable
            /34b1e6b1deb5828e.wasm            | application/wasm               | public, max-age=31536000, immutable
            /a34f9d1faa5f3315.woff2           | font/woff2                     | public, max-age=31536000, immutable
            /app.bundle.css                   | text/css; charset=utf-8        | no-cache
            /ohif-logo.svg                    | image/svg+xml                  | no-cache
            /manifest.json                    | application/json               | no-cache
            /assets/browserconfig.xml         | application/xml                | no-cache
            /app-config.js                    | text/javascript; charset=utf-8 | no-cache
            """)
    void sendsEachFileWithItsTypeAndCaching(String path, String type, String cacheControl) {
        HttpResponse<byte[]> response = server.get(path);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(type);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue(cacheControl);
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy ->
                assertThat(policy).startsWith("default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-"
                        + SCRIPT_HASH + "';").endsWith("; frame-ancestors 'self'"));
        assertThat(response.headers().firstValue("Cross-Origin-Embedder-Policy")).hasValue("require-corp");
        assertThat(response.headers().firstValue("Cross-Origin-Opener-Policy")).hasValue("same-origin");
    }

    @ParameterizedTest
    @CsvSource({"/viewer?StudyInstanceUIDs=1.2.3", "/local", "/viewer/dicomweb", "/assets", "/assets/"})
    void answersTheViewersOwnPagesAndFoldersWithIndexHtml(String path) {
        HttpResponse<byte[]> response = server.get(path);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(TestServer.text(response)).isEqualTo(INDEX);
    }

    @Test
    void appConfigPointsOhifsDicomWebDataSourceAtThisServer() throws IOException {
        String script = TestServer.text(server.get("/app-config.js"));

        assertThat(script).startsWith("window.config = ").endsWith(";\n");
        JsonNode config = new ObjectMapper().readTree(script.substring("window.config = ".length(), script.length() - 2));
        assertThat(config.path("defaultDataSourceName").asText()).isEqualTo("pacslite");
        JsonNode source = config.path("dataSources").get(0);
        assertThat(source.path("namespace").asText()).isEqualTo("@ohif/extension-default.dataSourcesModule.dicomweb");
        assertThat(source.path("sourceName").asText()).isEqualTo("pacslite");
        JsonNode settings = source.path("configuration");
        assertThat(settings.path("qidoRoot").asText()).isEqualTo(server.url + "/dicom-web");
        assertThat(settings.path("wadoRoot").asText()).isEqualTo(server.url + "/dicom-web");
        assertThat(settings.path("wadoUriRoot").asText()).isEqualTo(server.url + "/wado");
        assertThat(settings.path("imageRendering").asText()).isEqualTo("wadors");
        assertThat(settings.path("thumbnailRendering").asText()).isEqualTo("wadors");
        assertThat(settings.path("enableStudyLazyLoad").asBoolean()).isTrue();
        assertThat(settings.path("dicomUploadEnabled").asBoolean()).isTrue();
        assertThat(settings.path("omitQuotationForMultipartRequest").asBoolean()).isTrue();
        assertThat(settings.path("bulkDataURI").path("enabled").asBoolean()).isTrue();
        assertThat(settings.path("singlepart").asText()).isEqualTo("pdf");
    }

    @Test
    void appConfigFollowsTheHostTheBrowserUsed() throws IOException {
        String answer = rawGet("/app-config.js", "pacs.example.org:8080");

        assertThat(answer).startsWith("HTTP/1.1 200")
                .contains("\"qidoRoot\" : \"http://pacs.example.org:8080/dicom-web\"")
                .contains("\"wadoUriRoot\" : \"http://pacs.example.org:8080/wado\"");
    }

    @Test
    void gzipsTextForClientsThatAcceptItAndSendsLengthOtherwise() throws IOException {
        Path bundle = dir.resolve("viewer/app.bundle.0f6159c501addfe9.js");

        HttpResponse<byte[]> plain = server.get("/app.bundle.0f6159c501addfe9.js");
        HttpResponse<byte[]> gzipped = server.get("/app.bundle.0f6159c501addfe9.js", "Accept-Encoding", "gzip");

        assertThat(plain.headers().firstValue("Content-Length")).hasValue(Long.toString(Files.size(bundle)));
        assertThat(plain.body()).isEqualTo(Files.readAllBytes(bundle));
        assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(gzipped.body().length).isLessThan((int) Files.size(bundle) / 10);
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped.body()))) {
            assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(bundle));
        }
    }

    @Test
    void answersNotModifiedWhenTheBrowsersCopyIsCurrent() {
        String lastModified = server.get("/app.bundle.css").headers().firstValue("Last-Modified").orElseThrow();

        assertThat(server.get("/app.bundle.css", "If-Modified-Since", lastModified).statusCode()).isEqualTo(304);
    }

    @Test
    void answersAPageLoadWithADotInTheLastSegmentWithIndexHtml() {
        HttpResponse<byte[]> page = server.get("/viewer/1.2.840.10008.1", "Accept", "text/html,application/xhtml+xml");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(TestServer.text(page)).isEqualTo(INDEX);
    }

    @ParameterizedTest
    @CsvSource({"/missing.js", "/assets/missing.png", "/viewer/1.2.840.10008.1"})
    void missingFilesAre404NotTheIndex(String path) {
        assertThat(server.get(path, "Accept", "*/*").statusCode()).isEqualTo(404);
    }

    @Test
    void unknownDicomWebResourcesStay404() {
        HttpResponse<byte[]> response = server.get("/dicom-web/nothing-here");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
    }

    @Test
    void otherMethodsThanGetAndHeadAre405() {
        HttpResponse<byte[]> response = server.post("/index.html", "text/plain", new byte[0]);

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }

    @ParameterizedTest
    @CsvSource({"/../outside.txt", "/assets/../../outside.txt", "/%2e%2e/outside.txt", "/.hidden", "/..%5coutside.txt"})
    void refusesPathsThatLeaveTheViewerFolderOrNameHiddenFiles(String path) throws IOException {
        String answer = rawGet(path, "127.0.0.1");

        assertThat(answer).startsWith("HTTP/1.1 400").contains("invalid path").doesNotContain("outside", "secret");
    }

    @Test
    void withoutAViewerTheRootIs404() throws IOException {
        try (TestServer bare = TestServer.start(dir.resolve("bare"))) {
            assertThat(bare.get("/").statusCode()).isEqualTo(404);
            assertThat(bare.get("/viewer").statusCode()).isEqualTo(404);
        }
    }

    /** A GET written on a socket as given, so no client library normalises the path or sets the Host. */
    private String rawGet(String path, String host) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
