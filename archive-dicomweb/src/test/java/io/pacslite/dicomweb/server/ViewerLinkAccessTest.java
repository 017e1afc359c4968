package io.pacslite.dicomweb.server;

import static io.pacslite.testing.SyntheticInstances.ct;
import static io.pacslite.testing.SyntheticInstances.uid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pacslite.archive.access.Role;
import io.pacslite.archive.access.ViewerLinks;
import io.pacslite.dicom.io.TransferSyntax;
import io.pacslite.testing.SyntheticInstances;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signed viewer links against a real server with the loopback exemption off: a link made by
 * {@code POST /api/links} reads its study through every viewer route, and every route refuses
 * or filters out another study; it cannot write, delete or reach the operator API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ViewerLinkAccessTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] OURS = {uid("91", "1"), uid("91", "1", "1"), uid("91", "1", "1", "1")};
    private static final String[] OTHER = {uid("92", "1"), uid("92", "1", "1"), uid("92", "1", "1", "1")};

    @TempDir
    static Path dir;

    private TestServer server;
    private String admin;
    private String link;

    @BeforeAll
    void start() {
        server = TestServer.start(dir, DicomWebConfig.DEFAULTS.withAccess(false, false));
        admin = server.archive.apiTokens().create("admin", Role.ADMIN, null).secret();
        store("LINKED", OURS);
        store("OTHER", OTHER);
        HttpResponse<byte[]> created = createLink("{\"study\": \"" + OURS[0] + "\", \"expires\": \"30m\"}");
        assertThat(created.statusCode()).as(TestServer.text(created)).isEqualTo(201);
        JsonNode body = json(created);
        link = body.get("token").asText();
        assertThat(body.get("url").asText()).isEqualTo(server.url + "/viewer?StudyInstanceUIDs=" + OURS[0]
                + "&token=" + link);
        assertThat(Instant.parse(body.get("expires").asText())).isBetween(Instant.now().plusSeconds(29 * 60),
                Instant.now().plusSeconds(30 * 60));
    }

    @AfterAll
    void stop() throws IOException {
        server.close();
    }

    @TestFactory
    Stream<DynamicTest> everyRouteReadsTheLinkedStudyOnlyAndNothingElse() {
        return server.server.routes().stream().filter(route -> route.role().isPresent()).map(route ->
                dynamicTest(route.method() + " " + route.template(), () -> {
                    boolean reads = route.method().toString().equals("GET") && route.role().get() == Role.VIEWER;
                    if (!reads) {
                        assertThat(call(route, OURS).statusCode()).as("not for a link, even on its study")
                                .isEqualTo(403);
                    } else if (route.template().contains("{study}")) {
                        assertThat(call(route, OTHER).statusCode()).as("another study").isEqualTo(403);
                        assertThat(call(route, OURS).statusCode()).as("the linked study").isNotIn(401, 403);
                    } else if (route.name().startsWith("qido.")) {
                        String path = route.template();
                        assertThat(studiesIn(path)).as("everything").containsExactly(OURS[0]);
                        // The link's study replaces a StudyInstanceUID key; PatientID is not matched below the study level.
                        assertThat(studiesIn(path + "?StudyInstanceUID=" + OTHER[0])).as("asked by UID")
                                .containsOnly(OURS[0]);
                        assertThat(studiesIn(path + "?PatientID=OTHER")).as("asked by patient").isSubsetOf(OURS[0]);
                    } else if (route.name().equals("wado-uri")) {
                        assertThat(wadoUri(OTHER).statusCode()).as("another study").isEqualTo(403);
                        assertThat(wadoUri(OURS).statusCode()).as("the linked study").isEqualTo(200);
                    } else {
                        throw new AssertionError("a reading route this test does not know: " + route.name()
                                + "; say how a link is kept to its study there");
                    }
                }));
    }

    @Test
    void aLinkWhoseStudyWasChangedOrThatExpiredIsRefused() {
        String forged = link.replace(OURS[0], OTHER[0]);
        String expired = server.archive.viewerLinks().create(OURS[0], Instant.now().minusSeconds(1)).token();

        assertThat(server.get("/dicom-web/studies/" + OTHER[0] + "/metadata", "Authorization", "Bearer " + forged)
                .statusCode()).isEqualTo(401);
        assertThat(server.get("/dicom-web/studies/" + OURS[0] + "/metadata", "Authorization", "Bearer " + expired)
                .statusCode()).isEqualTo(401);
    }

    @Test
    void aLinkIsMadeOnlyForAStoredStudyWithinTheLongestLifetime() {
        assertThat(createLink("{\"study\": \"" + uid("93") + "\"}").statusCode()).isEqualTo(404);
        assertThat(createLink("{\"study\": \"" + OURS[0] + "\", \"expires\": \"25h\"}").statusCode()).isEqualTo(400);
        assertThat(createLink("{\"study\": \"../1\"}").statusCode()).isEqualTo(400);
        assertThat(createLink("[]").statusCode()).isEqualTo(400);
        HttpResponse<byte[]> hour = createLink("{\"study\": \"" + OURS[0] + "\"}");
        assertThat(Instant.parse(json(hour).get("expires").asText())).as("an hour by default")
                .isBetween(Instant.now().plus(Duration.ofMinutes(59)), Instant.now().plus(Duration.ofHours(1)));
    }

    @Test
    void theSigningKeyIsTheOwnersOnlyAndSurvivesAReopen() throws IOException {
        Path key = server.archive.root().resolve(ViewerLinks.KEY_FILE);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(ViewerLinks.open(server.archive.root()).authenticate(link)).hasValueSatisfying(caller ->
                assertThat(caller.study()).isEqualTo(OURS[0]));
    }

    @Test
    void answersCarryTheSecurityHeaders() throws IOException {
        HttpResponse<byte[]> api = server.get("/dicom-web/studies", "Authorization", "Bearer " + admin);

        assertThat(api.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(api.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(api.headers().firstValue("Content-Security-Policy"))
                .hasValue("default-src 'none'; frame-ancestors 'self'");
        try (TestServer embedded = TestServer.start(dir.resolve("embedded"), DicomWebConfig.DEFAULTS.withLinks(
                DicomWebConfig.LinkPolicy.DEFAULTS, List.of("'self'", "https://emr.example.org")))) {
            assertThat(embedded.get("/health").headers().firstValue("Content-Security-Policy"))
                    .hasValue("default-src 'none'; frame-ancestors 'self' https://emr.example.org");
        }
    }

    private void store(String patient, String[] uids) {
        byte[] instance = SyntheticInstances.partTen(ct(patient, uids[0], uids[1], uids[2], 16, 1),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        HttpResponse<byte[]> stored = server.post("/dicom-web/studies", "multipart/related; type=\"application/dicom\";"
                + " boundary=b", TestServer.multipart("b", "application/dicom", List.of(instance)),
                "Authorization", "Bearer " + admin);
        assertThat(stored.statusCode()).as(TestServer.text(stored)).isEqualTo(200);
    }

    private HttpResponse<byte[]> createLink(String body) {
        return server.post("/api/links", "application/json", body.getBytes(StandardCharsets.UTF_8),
                "Authorization", "Bearer " + admin);
    }

    /** The StudyInstanceUIDs of a QIDO-RS answer to the link's holder. */
    private List<String> studiesIn(String path) {
        HttpResponse<byte[]> response = server.get(path, "Authorization", "Bearer " + link);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return json(response).findValues("0020000D").stream().map(uid -> uid.get("Value").get(0).asText())
                .distinct().toList();
    }

    private HttpResponse<byte[]> wadoUri(String[] uids) {
        return server.get("/wado?requestType=WADO&contentType=application/dicom&studyUID=" + uids[0] + "&seriesUID="
                + uids[1] + "&objectUID=" + uids[2], "Authorization", "Bearer " + link);
    }

    /** Calls a route on the study, series and instance of {@code uids}, as the link's holder. */
    private HttpResponse<byte[]> call(Routes.Route route, String[] uids) {
        String path = route.template().replace("{study}", uids[0]).replace("{series}", uids[1])
                .replace("{instance}", uids[2]).replace("{frames}", "1").replace("{attachment}", "1").replace("{id}", "x").replace("{name}", "admin")
                .replace("*", "x");
        boolean post = route.method().toString().equals("POST");
        return server.send(server.request(path, "Authorization", "Bearer " + link, "Content-Type",
                "application/dicom").method(route.method().toString(), post
                ? HttpRequest.BodyPublishers.ofByteArray(new byte[0]) : HttpRequest.BodyPublishers.noBody()).build());
    }

    private static JsonNode json(HttpResponse<byte[]> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError(TestServer.text(response), e);
        }
    }
}
