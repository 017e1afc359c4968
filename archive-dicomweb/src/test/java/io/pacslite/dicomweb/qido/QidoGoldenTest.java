package io.pacslite.dicomweb.qido;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pacslite.dicomweb.server.TestServer;
import io.pacslite.testing.QueryStudies;
import io.pacslite.testing.SyntheticInstances;
import io.pacslite.testing.TestPeers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Golden QIDO-RS cases over real HTTP: each file in golden/ holds a request and what it must
 * answer, side by side (format in golden/README.md). The archive is {@link QueryStudies}
 * (generated studies and pydicom's charset files) stored through STOW-RS.
 */
class QidoGoldenTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** "$" in a golden file stands for the test UID root. */
    private static final String ROOT = SyntheticInstances.uid("");

    @TempDir
    static Path dir;

    private static TestServer server;

    @BeforeAll
    static void storeTheQueryStudiesThroughStow() {
        TestPeers.requirePydicom();
        server = TestServer.start(dir);
        HttpResponse<byte[]> stored = server.post("/dicom-web/studies",
                "multipart/related; type=\"application/dicom\"; boundary=golden",
                TestServer.multipart("golden", "application/dicom", QueryStudies.files()));
        assertThat(stored.statusCode()).as(TestServer.text(stored)).isEqualTo(200);
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
    }

    /** A golden case: the file's name, the request, and what it must answer. */
    record Case(String name, String request, String accept, int status, List<String> warnings, String reason,
            List<String> expectedUids, String expectedJson) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() throws IOException, URISyntaxException {
        Path folder = Path.of(QidoGoldenTest.class.getResource("golden").toURI());
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".txt")).sorted().map(QidoGoldenTest::read).toList()
                    .stream();
        }
    }

    @Test
    void thereAreGoldenCasesForEveryEndpoint() throws Exception {
        List<String> paths = cases().map(c -> c.request().replaceAll("\\?.*", "").replace(ROOT, "$")).toList();
        assertThat(paths).contains("/dicom-web/studies", "/dicom-web/series", "/dicom-web/instances");
        assertThat(paths).anyMatch(p -> p.matches("/dicom-web/studies/[^/]+/series"));
        assertThat(paths).anyMatch(p -> p.matches("/dicom-web/studies/[^/]+/instances"));
        assertThat(paths).anyMatch(p -> p.matches("/dicom-web/studies/[^/]+/series/[^/]+/instances"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersAsTheGoldenFileSays(Case c) throws Exception {
        HttpResponse<byte[]> response = c.accept() == null ? server.get(encoded(c.request()))
                : server.get(encoded(c.request()), "Accept", c.accept());

        assertThat(response.statusCode()).as(TestServer.text(response)).isEqualTo(c.status());
        List<String> warnings = response.headers().allValues("Warning");
        for (String warning : c.warnings()) {
            assertThat(warnings).as("Warning headers").anyMatch(w -> w.contains(warning));
        }
        if (c.warnings().isEmpty() && c.status() == 200) {
            assertThat(warnings).as("Warning headers").isEmpty();
        }
        if (c.reason() != null) {
            assertThat(TestServer.text(response)).contains(c.reason());
        }
        if (c.expectedUids() != null) {
            assertThat(uniqueKeys(response, uniqueKey(c.request()))).as("matches, in order")
                    .containsExactlyElementsOf(c.expectedUids());
        }
        if (c.expectedJson() != null) {
            assertThat(JSON.readTree(response.body()))
                    .isEqualTo(JSON.readTree(c.expectedJson().replace("{base}", server.url + "/dicom-web")));
        }
    }

    /** The unique key of the level the path searches: the tag of its matches' UID. */
    private static String uniqueKey(String request) {
        String path = request.replaceAll("\\?.*", "");
        return path.endsWith("/studies") ? "0020000D" : path.endsWith("/series") ? "0020000E" : "00080018";
    }

    /** The unique keys of the matches, from DICOM JSON or from each XML part (parsed back). */
    private static List<String> uniqueKeys(HttpResponse<byte[]> response, String tag) throws Exception {
        List<String> uids = new ArrayList<>();
        if (response.headers().firstValue("Content-Type").orElseThrow().startsWith("multipart/related")) {
            for (TestServer.Part part : TestServer.parts(response)) {
                assertThat(part.contentType()).isEqualTo("application/dicom+xml");
                uids.add(xmlValue(part.body(), tag));
            }
        } else {
            for (JsonNode match : JSON.readTree(response.body())) {
                uids.add(match.at("/" + tag + "/Value/0").asText());
            }
        }
        return uids;
    }

    /** The first Value of a top-level DicomAttribute of a PS3.19 document. */
    static String xmlValue(byte[] document, String tag) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document xml = factory.newDocumentBuilder().parse(new ByteArrayInputStream(document));
        assertThat(xml.getDocumentElement().getLocalName()).isEqualTo("NativeDicomModel");
        NodeList attributes = xml.getDocumentElement().getChildNodes();
        for (int i = 0; i < attributes.getLength(); i++) {
            if (attributes.item(i) instanceof Element attribute && attribute.getAttribute("tag").equals(tag)) {
                return attribute.getElementsByTagName("Value").item(0).getTextContent();
            }
        }
        return null;
    }

    /**
     * The request as a client sends it: the file writes names and wild cards as they read
     * ({@code PatientName=山田^太郎}); what a URI cannot hold is percent-encoded in UTF-8 here.
     * Percent escapes in the file stay as they are.
     */
    private static String encoded(String request) {
        StringBuilder uri = new StringBuilder();
        for (byte b : request.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~/?&=,*%:+".indexOf(c) >= 0)) {
                uri.append(c);
            } else {
                uri.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return uri.toString();
    }

    private static Case read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String request = null;
        String accept = null;
        int status = 200;
        List<String> warnings = new ArrayList<>();
        String reason = null;
        List<String> uids = null;
        StringBuilder json = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("GET ")) {
                request = expand(line.substring(4).strip());
                continue;
            }
            int colon = line.indexOf(':');
            String field = line.substring(0, colon).strip();
            String value = expand(line.substring(colon + 1).strip());
            switch (field) {
                case "accept" -> accept = value;
                case "status" -> status = Integer.parseInt(value);
                case "warning" -> warnings.add(value);
                case "reason" -> reason = value;
                case "expect" -> {
                    uids = new ArrayList<>();
                    while (i + 1 < lines.size() && !lines.get(i + 1).isBlank() && !lines.get(i + 1).contains(":")) {
                        uids.add(expand(lines.get(++i).strip()));
                    }
                }
                case "json" -> {
                    json = new StringBuilder();
                    while (i + 1 < lines.size()) {
                        json.append(expand(lines.get(++i))).append('\n');
                    }
                }
                default -> throw new IllegalArgumentException(file + ": unknown field " + field);
            }
        }
        return new Case(file.getFileName().toString().replace(".txt", ""), request, accept, status, warnings, reason,
                uids, json == null ? null : json.toString());
    }

    private static String expand(String text) {
        return text.replace("$", ROOT);
    }
}
