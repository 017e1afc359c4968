package io.pacslite.dicomweb.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.pacslite.archive.access.Role;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every route of the route table, called as a client that is not on this machine would call
 * it: the loopback exemption is turned off, so that 127.0.0.1 counts as any other address.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RouteAccessTest {

    private static final String CHALLENGE = "Bearer realm=\"pacslite\"";

    @TempDir
    static Path dir;

    private TestServer server;
    private final Map<Role, String> tokens = new EnumMap<>(Role.class);

    @BeforeAll
    void start() {
        server = TestServer.start(dir, DicomWebConfig.DEFAULTS.withAccess(false, false));
        for (Role role : Role.values()) {
            tokens.put(role, server.archive.apiTokens().create(role.label(), role, null).secret());
        }
    }

    @AfterAll
    void stop() throws IOException {
        server.close();
    }

    /** The role each endpoint needs, by name; a route this does not know fails the test, so that it is looked at. */
    private static Optional<Role> expectedRole(String endpoint) {
        if (endpoint.equals("health") || endpoint.equals("upload.page")) {
            return Optional.empty();
        }
        if (endpoint.startsWith("attachments.")) {
            return Optional.of(Role.VIEWER);
        }
        if (endpoint.startsWith("imports.")) {
            return Optional.of(Role.UPLOADER);
        }
        if (endpoint.startsWith("qido.") || endpoint.startsWith("wado.") || endpoint.equals("wado-uri")) {
            return Optional.of(Role.VIEWER);
        }
        if (endpoint.equals("reports.list")) {
            return Optional.of(Role.VIEWER);
        }
        if (endpoint.equals("stow") || endpoint.equals("reports.attach") || endpoint.equals("reports.replace")) {
            return Optional.of(Role.UPLOADER);
        }
        if (endpoint.equals("delete") || endpoint.equals("anonymize") || endpoint.equals("backup") || endpoint.equals("metrics")
                || endpoint.startsWith("tokens.") || endpoint.equals("links.create") || endpoint.startsWith("audit.")
                || endpoint.equals("reports.remove") || endpoint.equals("studies.correct")) {
            return Optional.of(Role.ADMIN);
        }
        throw new AssertionError("a route this test does not know: " + endpoint + "; say which role it needs");
    }

    @Test
    void everyRouteNeedsTheRoleItsKindOfWorkCallsFor() {
        List<Routes.Route> table = server.server.routes();

        assertThat(table).extracting(Routes.Route::name)
                .contains("qido.studies", "wado.study", "wado.frames", "wado.bulkdata", "wado.rendered.study",
                        "wado.thumbnail.frames", "wado-uri", "stow", "delete", "health", "metrics", "backup",
                        "tokens.create", "tokens.list", "tokens.revoke", "links.create", "anonymize");
        assertThat(table).allSatisfy(route ->
                assertThat(route.role()).as(route.name()).isEqualTo(expectedRole(route.name())));
    }

    @TestFactory
    Stream<DynamicTest> everyProtectedRouteRefusesMissingBadAndTooSmallCredentials() {
        return server.server.routes().stream().filter(route -> route.role().isPresent()).map(route ->
                dynamicTest(route.method() + " " + route.template(), () -> {
                    Role needed = route.role().orElseThrow();
                    HttpResponse<byte[]> anonymous = call(route, null);
                    assertThat(anonymous.statusCode()).as("without credentials").isEqualTo(401);
                    assertThat(anonymous.headers().firstValue("WWW-Authenticate")).contains(CHALLENGE);
                    assertThat(anonymous.headers().firstValue("Warning")).hasValueSatisfying(warning ->
                            assertThat(warning).contains("authentication required"));

                    HttpResponse<byte[]> forged = call(route, altered(tokens.get(Role.ADMIN)));
                    assertThat(forged.statusCode()).as("with an unknown token").isEqualTo(401);
                    assertThat(forged.headers().firstValue("WWW-Authenticate"))
                            .contains(CHALLENGE + ", error=\"invalid_token\"");

                    for (Role role : Role.values()) {
                        HttpResponse<byte[]> response = call(route, tokens.get(role));
                        if (role.includes(needed)) {
                            assertThat(response.statusCode()).as("as " + role.label()).isNotIn(401, 403);
                        } else {
                            assertThat(response.statusCode()).as("as " + role.label()).isEqualTo(403);
                            assertThat(response.headers().firstValue("WWW-Authenticate"))
                                    .contains(CHALLENGE + ", error=\"insufficient_scope\"");
                        }
                    }
                }));
    }

    @Test
    void healthIsOpen() {
        assertThat(server.get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void anExpiredTokenIsRefused() {
        String expired = server.archive.apiTokens().create("expired", Role.ADMIN, Instant.now().minusSeconds(60))
                .secret();

        assertThat(server.get("/dicom-web/studies", "Authorization", "Bearer " + expired).statusCode())
                .isEqualTo(401);
    }

    @Test
    void aRevokedTokenIsRefusedFromTheNextRequestOn() {
        String secret = server.archive.apiTokens().create("revoked", Role.VIEWER, null).secret();
        assertThat(server.get("/dicom-web/studies", "Authorization", "Bearer " + secret).statusCode())
                .isEqualTo(200);

        HttpResponse<byte[]> revoke = server.send(server.request("/api/tokens/revoked",
                "Authorization", "Bearer " + tokens.get(Role.ADMIN)).DELETE().build());

        assertThat(revoke.statusCode()).isEqualTo(204);
        assertThat(server.get("/dicom-web/studies", "Authorization", "Bearer " + secret).statusCode())
                .isEqualTo(401);
    }

    @Test
    void theSchemeIsCaseInsensitiveAndOtherSchemesAreRefused() {
        assertThat(server.get("/dicom-web/studies", "Authorization", "bearer " + tokens.get(Role.VIEWER))
                .statusCode()).isEqualTo(200);
        assertThat(server.get("/dicom-web/studies", "Authorization", "Basic YWRtaW46YWRtaW4=").statusCode())
                .isEqualTo(401);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/dicom-web/../api/backup", "/dicom-web/%2E%2E/api/backup", "/api%2Fbackup",
        "/api/backup%2F", "//api/backup", "/api/./backup", "/API/backup", "/api/backup;x=y"})
    void pathTricksDoNotReachAnAdminRouteWithoutCredentials(String path) {
        HttpResponse<byte[]> response = server.send(HttpRequest.newBuilder(URI.create(server.url + path))
                .POST(HttpRequest.BodyPublishers.noBody()).build());

        assertThat(response.statusCode()).as(path).isIn(400, 401, 404);
        assertThat(response.headers().firstValue("Content-Type")).as(path).contains("text/plain; charset=utf-8");
    }

    @Test
    void corsPreflightNeedsNoCredentials() throws IOException {
        try (TestServer cors = TestServer.start(dir.resolve("cors"), DicomWebConfig.DEFAULTS.withAccess(false, true)
                .withCorsAllowedOrigins(List.of("http://viewer.example")))) {
            HttpResponse<byte[]> preflight = cors.send(cors.request("/dicom-web/studies", "Origin",
                    "http://viewer.example", "Access-Control-Request-Method", "GET",
                    "Access-Control-Request-Headers", "authorization")
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());

            assertThat(preflight.statusCode()).isEqualTo(204);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers")).hasValueSatisfying(
                    allowed -> assertThat(allowed).contains("Authorization"));
            assertThat(cors.get("/metrics").statusCode()).as("metrics configured open").isEqualTo(200);
        }
    }

    @Test
    void theViewersFilesAreOpenButWhatTheyFetchIsNot() throws IOException {
        Path viewer = Files.createDirectories(dir.resolve("viewer"));
        Files.writeString(viewer.resolve("index.html"), "<html>viewer</html>");
        try (TestServer withViewer = TestServer.start(dir.resolve("with-viewer"),
                DicomWebConfig.DEFAULTS.withAccess(false, false).withViewerDirectory(viewer))) {
            assertThat(withViewer.get("/index.html").statusCode()).isEqualTo(200);
            assertThat(withViewer.get("/viewer").statusCode()).as("a page of the viewer").isEqualTo(200);
            assertThat(withViewer.get("/dicom-web/studies").statusCode()).isEqualTo(401);
            assertThat(withViewer.get("/dicom-web/../api/tokens").statusCode()).as("never the viewer's").isEqualTo(404);
            assertThat(withViewer.get("/api/../api/tokens").statusCode()).as("no way round").isEqualTo(400);
        }
    }

    @Test
    void byDefaultThisMachineGetsInWithoutATokenButAWrongTokenIsStillRefused() throws IOException {
        try (TestServer open = TestServer.start(dir.resolve("open"))) {
            assertThat(open.delete("/dicom-web/studies/1.2.3").statusCode()).as("an admin route").isEqualTo(404);
            assertThat(open.get("/dicom-web/studies", "Authorization", "Bearer pacslite_wrong").statusCode())
                    .isEqualTo(401);
        }
    }

    /** A token of the right form that is not ours: {@code secret} with its last character changed. */
    private static String altered(String secret) {
        return secret.substring(0, secret.length() - 1) + (secret.endsWith("A") ? "B" : "A");
    }

    /** Calls a route with made-up UIDs, as the holder of {@code token} (null: none). */
    private HttpResponse<byte[]> call(Routes.Route route, String token) {
        String path = route.template().replace("{study}", "1.2.3").replace("{series}", "1.2.3.4")
                .replace("{instance}", "1.2.3.4.5").replace("{frames}", "1").replace("{attachment}", "1").replace("{id}", "x").replace("{name}", "nobody")
                .replace("*", "x");
        List<String> headers = new ArrayList<>(List.of("Content-Type", "application/dicom"));
        if (token != null) {
            headers.addAll(List.of("Authorization", "Bearer " + token));
        }
        HttpRequest.Builder request = server.request(path, headers.toArray(String[]::new));
        return server.send(request.method(route.method().toString(), route.method().toString().equals("POST")
                ? HttpRequest.BodyPublishers.ofByteArray(new byte[0]) : HttpRequest.BodyPublishers.noBody()).build());
    }
}
