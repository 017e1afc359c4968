package io.pacslite.dicomweb.qido;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pacslite.dicomweb.server.TestServer;
import io.pacslite.testing.GoldenFile;
import io.pacslite.testing.QueryStudies;
import io.pacslite.testing.SyntheticInstances;
import io.pacslite.testing.TestPeers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
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

    /**
     * One request per file, in order: matches that tie on every sort key come in the order
     * they were indexed, and the parts of one request are indexed as their commits finish.
     */
    @BeforeAll
    static void storeTheQueryStudiesThroughStow() {
        TestPeers.requirePydicom();
        server = TestServer.start(dir);
        for (byte[] file : QueryStudies.files()) {
            HttpResponse<byte[]> stored = server.post("/dicom-web/studies", "application/dicom", file);
            assertThat(stored.statusCode()).as(TestServer.text(stored)).isEqualTo(200);
        }
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
    }

    static Stream<GoldenFile> cases() {
        return GoldenFile.all(QidoGoldenTest.class, "golden", text -> text.replace("$", ROOT)).stream();
    }

    @Test
    void thereAreGoldenCasesForEveryEndpoint() throws Exception {
        List<String> paths = cases().map(c -> c.field("get").replaceAll("\\?.*", "").replace(ROOT, "$")).toList();
        assertThat(paths).contains("/dicom-web/studies", "/dicom-web/series", "/dicom-web/instances");
        assertThat(paths).anyMatch(p -> p.matches("/dicom-web/studies/[^/]+/series"));
        assertThat(paths).anyMatch(p -> p.matches("/dicom-web/studies/[^/]+/instances"));
        assertThat(paths).anyMatch(p -> p.matches("/dicom-web/studies/[^/]+/series/[^/]+/instances"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersAsTheGoldenFileSays(GoldenFile c) throws Exception {
        String request = encoded(c.field("get"));
        HttpResponse<byte[]> response = c.field("accept") == null ? server.get(request)
                : server.get(request, "Accept", c.field("accept"));

        int status = c.field("status") == null ? 200 : Integer.parseInt(c.field("status"));
        assertThat(response.statusCode()).as(TestServer.text(response)).isEqualTo(status);
        List<String> warnings = response.headers().allValues("Warning");
        for (String warning : c.all("warning")) {
            assertThat(warnings).as("Warning headers").anyMatch(w -> w.contains(warning));
        }
        if (c.all("warning").isEmpty() && status == 200) {
            assertThat(warnings).as("Warning headers").isEmpty();
        }
        if (c.field("reason") != null) {
            assertThat(TestServer.text(response)).contains(c.field("reason"));
        }
        if (c.expect() != null) {
            assertThat(uniqueKeys(response, uniqueKey(c.field("get")))).as("matches, in order")
                    .containsExactlyElementsOf(c.expect());
        }
        if (c.json() != null) {
            assertThat(JSON.readTree(response.body()))
                    .isEqualTo(JSON.readTree(c.json().replace("{base}", server.url + "/dicom-web")));
        }
    }

    @Test
    void pagesThroughEveryStudyWithoutGapsOrOverlaps() throws Exception {
        List<String> all = uniqueKeys(server.get("/dicom-web/studies"), "0020000D");
        List<String> paged = new ArrayList<>();
        for (int offset = 0; ; offset += 3) {
            HttpResponse<byte[]> page = server.get("/dicom-web/studies?limit=3&offset=" + offset);
            List<String> uids = uniqueKeys(page, "0020000D");
            paged.addAll(uids);
            boolean more = page.headers().allValues("Warning").stream().anyMatch(w -> w.contains("additional results"));
            assertThat(more).as("Warning at offset " + offset).isEqualTo(offset + 3 < all.size());
            if (!more) {
                break;
            }
        }
        assertThat(all).hasSize(20);
        assertThat(paged).containsExactlyElementsOf(all);
    }

    @Test
    void pagesThroughASequenceMatchedSearch() throws Exception {
        String radlex = "/dicom-web/studies?ProcedureCodeSequence.CodingSchemeDesignator=RADLEX";
        List<String> all = uniqueKeys(server.get(radlex), "0020000D");
        List<String> paged = new ArrayList<>();
        for (int offset = 0; offset < all.size(); offset += 2) {
            HttpResponse<byte[]> page = server.get(radlex + "&limit=2&offset=" + offset);
            paged.addAll(uniqueKeys(page, "0020000D"));
            boolean more = page.headers().allValues("Warning").stream().anyMatch(w -> w.contains("additional results"));
            assertThat(more).as("Warning at offset " + offset).isEqualTo(offset + 2 < all.size());
        }

        assertThat(all).containsExactly(ROOT + "9.3", ROOT + "9.4", ROOT + "9.1");
        assertThat(paged).containsExactlyElementsOf(all);
    }

    @Test
    void answersTheMatchingSequenceItemsWithTheItemKeysOnly() throws Exception {
        JsonNode matches = JSON.readTree(
                server.get("/dicom-web/studies?ProcedureCodeSequence.CodeValue=CT-CHEST").body());

        assertThat(matches).hasSize(1);
        JsonNode items = matches.get(0).at("/00081032/Value");
        assertThat(items).hasSize(1);
        assertThat(items.get(0).at("/00080100/Value/0").asText()).isEqualTo("CT-CHEST");
        assertThat(items.get(0).has("00080104")).as("CodeMeaning, not asked for").isFalse();
    }

    @Test
    void xmlPartsCarryPersonNamesByComponentGroup() throws Exception {
        HttpResponse<byte[]> response = server.get(encoded("/dicom-web/studies?PatientID=H31EXAMPLE"),
                "Accept", "multipart/related; type=\"application/dicom+xml\"");

        List<TestServer.Part> parts = TestServer.parts(response);
        assertThat(parts).hasSize(1);
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(parts.get(0).body()));
        Element name = (Element) xml.getElementsByTagName("PersonName").item(1);
        assertThat(((Element) name.getParentNode()).getAttribute("keyword")).isEqualTo("PatientName");
        assertThat(text(name, "Alphabetic", "FamilyName")).isEqualTo("Yamada");
        assertThat(text(name, "Ideographic", "FamilyName")).isEqualTo("山田");
        assertThat(text(name, "Phonetic", "GivenName")).isEqualTo("たろう");
        assertThat(xmlValue(parts.get(0).body(), "00081190"))
                .isEqualTo(server.url + "/dicom-web/studies/1.3.6.1.4.1.5962.1.2.0.1175775771.5702.0");
    }

    @Test
    void jsonIsGzipEncodedWhenAccepted() throws Exception {
        HttpResponse<byte[]> response = server.get("/dicom-web/studies?PatientID=P1", "Accept-Encoding", "gzip",
                "Accept", "application/json");

        assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/dicom+json");
        JsonNode matches = JSON.readTree(new GZIPInputStream(new ByteArrayInputStream(response.body())));
        assertThat(matches).hasSize(2);
    }

    @Test
    void modalitiesInStudyAlwaysHasAValueArray() throws Exception {
        for (JsonNode study : JSON.readTree(server.get("/dicom-web/studies?includefield=all").body())) {
            assertThat(study.at("/00080061/Value").isArray()).as(study.toString()).isTrue();
        }
    }

    @Test
    void headAnswersTheHeadersWithoutABody() {
        HttpResponse<byte[]> response = server.send(server.request("/dicom-web/studies?limit=1")
                .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()).build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().allValues("Warning")).hasSize(1);
        assertThat(response.body()).isEmpty();
    }

    private static String text(Element name, String group, String component) {
        Element groupElement = (Element) name.getElementsByTagName(group).item(0);
        return groupElement.getElementsByTagName(component).item(0).getTextContent();
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
}
