package io.pacslite.dicomweb.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.pacslite.archive.access.OidcConfig;
import io.pacslite.archive.access.Role;
import io.pacslite.dicomweb.server.DicomWebConfig;
import io.pacslite.dicomweb.server.TestServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bearer JWTs of an identity provider (OpenID Connect) over real HTTP: keys made here, a real
 * JWK Set served by a JDK HTTP server (and in a file), tokens signed with them, a real archive
 * server checking them. The loopback exemption is off, so every request needs credentials.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OidcAccessTest {

    private static final String ISSUER = "https://idp.example.org/realms/hospital";
    private static final String AUDIENCE = "pacslite";
    private static final String CHALLENGE = "Bearer realm=\"pacslite\"";
    private static final Map<String, Role> ROLES = Map.of("pacs-viewer", Role.VIEWER, "pacs-uploader", Role.UPLOADER,
            "pacs-admin", Role.ADMIN);

    @TempDir
    static Path dir;

    private RSAKey rsa;
    private ECKey ec;
    private HttpServer provider;
    private final AtomicReference<JWKSet> published = new AtomicReference<>();
    private final AtomicInteger fetches = new AtomicInteger();
    private TestServer server;

    @BeforeAll
    void start() throws Exception {
        rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        published.set(new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK())));
        provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        provider.createContext("/certs", exchange -> {
            fetches.incrementAndGet();
            byte[] body = published.get().toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/jwk-set+json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        provider.start();
        server = serverWith(dir.resolve("url"), keysAt(jwksUrl()));
    }

    @AfterAll
    void stop() throws IOException {
        server.close();
        provider.stop(0);
    }

    @Test
    void aViewerClaimMayReadButNotStore() throws Exception {
        String token = token(rsa, claims -> claims.claim("realm_access", Map.of("roles", List.of("offline_access",
                "pacs-viewer"))));

        assertThat(server.get("/dicom-web/studies", "Authorization", "Bearer " + token).statusCode()).isEqualTo(200);
        HttpResponse<byte[]> store = server.post("/dicom-web/studies", "application/dicom", new byte[0],
                "Authorization", "Bearer " + token);
        assertThat(store.statusCode()).isEqualTo(403);
        assertThat(store.headers().firstValue("WWW-Authenticate")).contains(CHALLENGE + ", error=\"insufficient_scope\"");
        assertThat(store.headers().firstValue("Warning")).hasValueSatisfying(warning ->
                assertThat(warning).contains("user alice has the role viewer"));
    }

    @Test
    void theLargestMappedRoleWinsAndAnEllipticCurveSignatureCounts() throws Exception {
        String token = token(ec, claims -> claims.claim("realm_access", Map.of("roles", List.of("pacs-viewer",
                "pacs-admin"))));

        assertThat(server.get("/api/tokens", "Authorization", "Bearer " + token).statusCode()).isEqualTo(200);
    }

    @Test
    void aTokenWhoseClaimsMapToNoRoleIsForbidden() throws Exception {
        String token = token(rsa, claims -> claims.claim("realm_access", Map.of("roles", List.of("nurse"))));

        HttpResponse<byte[]> response = server.get("/dicom-web/studies", "Authorization", "Bearer " + token);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Warning")).hasValueSatisfying(warning ->
                assertThat(warning).contains("user alice has no role here"));
    }

    @TestFactory
    Stream<DynamicTest> refusesTokensThatAreNotValid() throws Exception {
        RSAKey forger = new RSAKeyGenerator(2048).keyID(rsa.getKeyID()).generate();
        RSAKey unknown = new RSAKeyGenerator(2048).keyID("rsa-unknown").generate();
        Instant now = Instant.now();
        List<Refused> cases = List.of(
                new Refused("a wrong signature", token(forger, claims -> claims), "Invalid signature"),
                new Refused("another issuer", token(rsa, claims -> claims.issuer("https://idp.example.org/realms/other")),
                        "iss claim value rejected"),
                new Refused("another audience", token(rsa, claims -> claims.audience("someone-else")),
                        "aud claim rejected"),
                new Refused("an expired one", token(rsa, claims -> claims.expirationTime(
                        Date.from(now.minus(Duration.ofMinutes(10))))), "Expired JWT"),
                new Refused("one not valid yet", token(rsa, claims -> claims.notBeforeTime(
                        Date.from(now.plus(Duration.ofMinutes(10))))), "before use time"),
                new Refused("alg none", new PlainJWT(claims(now).build()).serialize(), "Unsecured (plain) JWTs are rejected"),
                new Refused("an unknown kid", token(unknown, claims -> claims), "no matching key(s) found"),
                new Refused("HMAC, not configured", signed(new MACSigner(new byte[32]),
                        new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(rsa.getKeyID()).build(), claims(now).build()),
                        "no matching key(s) found"),
                new Refused("one without exp", token(rsa, claims -> claims.expirationTime(null)),
                        "missing required claims: [exp]"));
        return cases.stream().map(refused -> dynamicTest(refused.name(), () -> {
            HttpResponse<byte[]> response = server.get("/dicom-web/studies", "Authorization", "Bearer " + refused.token());
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).contains(CHALLENGE + ", error=\"invalid_token\"");
            assertThat(response.headers().firstValue("Warning")).hasValueSatisfying(warning ->
                    assertThat(warning).contains("the bearer JWT is refused", refused.reason()));
        }));
    }

    /** A token the server must refuse, and the reason it must give. */
    private record Refused(String name, String token, String reason) {
    }

    @Test
    void keysComeFromAFileToo() throws Exception {
        Path file = dir.resolve("jwks.json");
        Files.writeString(file, new JWKSet(rsa.toPublicJWK()).toString());
        try (TestServer fromFile = serverWith(dir.resolve("file"), keysIn(file))) {
            String valid = token(rsa, claims -> claims.claim("realm_access", Map.of("roles", List.of("pacs-uploader"))));
            HttpResponse<byte[]> store = fromFile.post("/dicom-web/studies", "application/dicom", new byte[0],
                    "Authorization", "Bearer " + valid);
            assertThat(store.statusCode()).isNotIn(401, 403);
            assertThat(fromFile.get("/dicom-web/studies", "Authorization", "Bearer " + token(ec, claims -> claims))
                    .statusCode()).as("a key that is not in the file").isEqualTo(401);
        }
    }

    @Test
    void aRotatedKeyIsFetchedWhenATokenNamesIt() throws Exception {
        try (TestServer rotating = serverWith(dir.resolve("rotation"), keysAt(jwksUrl()))) {
            int before = fetches.get();
            assertThat(rotating.get("/dicom-web/studies", "Authorization", "Bearer " + token(rsa, claims -> claims))
                    .statusCode()).isEqualTo(200);
            RSAKey next = new RSAKeyGenerator(2048).keyID("rsa-2").generate();
            published.set(new JWKSet(List.of(next.toPublicJWK(), rsa.toPublicJWK(), ec.toPublicJWK())));
            try {
                assertThat(rotating.get("/dicom-web/studies", "Authorization", "Bearer " + token(next, claims -> claims))
                        .statusCode()).isEqualTo(200);
                assertThat(rotating.get("/dicom-web/studies", "Authorization", "Bearer " + token(rsa, claims -> claims))
                        .statusCode()).isEqualTo(200);
                assertThat(fetches.get() - before).as("fetched once at first, once for the new kid").isEqualTo(2);
            } finally {
                published.set(new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK())));
            }
        }
    }

    @Test
    void whenTheKeysCannotBeFetchedTokensAre401AndApiTokensStillWork() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (TestServer cutOff = serverWith(dir.resolve("down"),
                keysAt(URI.create("http://127.0.0.1:" + closedPort + "/certs")))) {
            HttpResponse<byte[]> jwt = cutOff.get("/dicom-web/studies", "Authorization", "Bearer "
                    + token(rsa, claims -> claims));
            assertThat(jwt.statusCode()).isEqualTo(401);
            assertThat(jwt.headers().firstValue("Warning")).hasValueSatisfying(warning ->
                    assertThat(warning).contains("cannot check it with the identity provider's keys"));

            String apiToken = cutOff.archive.apiTokens().create("reader", Role.VIEWER, null).secret();
            assertThat(cutOff.get("/dicom-web/studies", "Authorization", "Bearer " + apiToken).statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void refusesSettingsThatWouldLetForgedTokensIn() {
        assertThatThrownBy(() -> settings(jwksUrl(), null, List.of("HS256")))
                .hasMessageContaining("HS256 needs a shared secret");
        assertThatThrownBy(() -> settings(jwksUrl(), null, List.of("none")))
                .hasMessageContaining("not an RSA, elliptic-curve or HMAC signature algorithm");
        assertThatThrownBy(() -> settings(jwksUrl(), dir.resolve("jwks.json"), OidcConfig.DEFAULT_ALGORITHMS))
                .hasMessageContaining("set one of jwks-url and jwks-file");
    }

    private URI jwksUrl() {
        return URI.create("http://127.0.0.1:" + provider.getAddress().getPort() + "/certs");
    }

    private static OidcConfig keysAt(URI url) {
        return settings(url, null, OidcConfig.DEFAULT_ALGORITHMS);
    }

    private static OidcConfig keysIn(Path file) {
        return settings(null, file, OidcConfig.DEFAULT_ALGORITHMS);
    }

    private static OidcConfig settings(URI url, Path file, List<String> algorithms) {
        return new OidcConfig(ISSUER, AUDIENCE, url, file, "realm_access.roles", "preferred_username", ROLES,
                algorithms, Duration.ofSeconds(60), Duration.ofSeconds(5));
    }

    private static TestServer serverWith(Path folder, OidcConfig oidc) {
        return TestServer.start(folder, DicomWebConfig.DEFAULTS.withAccess(false, false).withOidc(oidc));
    }

    /** Claims that pass, for a viewer named alice, valid for five minutes. */
    private static JWTClaimsSet.Builder claims(Instant now) {
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience(List.of(AUDIENCE, "account")).subject("f3a1c2")
                .claim("preferred_username", "alice").issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .claim("realm_access", Map.of("roles", List.of("pacs-viewer")));
    }

    /** A token signed with {@code key}, its claims {@link #claims} changed by {@code change}. */
    private static String token(JWK key, UnaryOperator<JWTClaimsSet.Builder> change) throws JOSEException {
        JWTClaimsSet claims = change.apply(claims(Instant.now())).build();
        if (key instanceof ECKey ecKey) {
            return signed(new ECDSASigner(ecKey), new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(),
                    claims);
        }
        return signed(new RSASSASigner(key.toRSAKey()), new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .build(), claims);
    }

    private static String signed(JWSSigner signer, JWSHeader header, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(signer);
        return jwt.serialize();
    }
}
