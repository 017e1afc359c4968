package io.pacslite.dimse.net;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.pacslite.archive.access.JwtAuthenticator;
import io.pacslite.archive.access.OidcConfig;
import io.pacslite.archive.access.Role;
import io.pacslite.archive.audit.AuditEvent;
import io.pacslite.dicom.io.TransferSyntax;
import io.pacslite.dimse.association.AcceptancePolicy;
import io.pacslite.dimse.association.AeRules;
import io.pacslite.dimse.association.Permission;
import io.pacslite.dimse.association.UserIdentities;
import io.pacslite.dimse.testing.Dcmtk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * User identity negotiation (PS3.7 Annex D.3.3.7) with dcmtk's storescu {@code -usr -pwd}: the
 * username is an API token's name, the passcode the token; any calling AE title may only echo
 * by itself, so storing needs an uploader's token.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class UserIdentityDcmtkTest {

    private static final String SOP = "1.2.826.0.1.3680043.10.1234.1.1.88";
    private static final String ISSUER = "https://idp.example.org/realms/clinic";
    private static final AcceptancePolicy ECHO_ONLY = AcceptancePolicy.defaults()
            .withAeRules(new AeRules(Map.of(), Set.of(Permission.ECHO)));

    @TempDir
    Path root;
    @TempDir
    Path work;
    private ArchiveServer server;
    private Path file;

    private void start(boolean required) throws Exception {
        server = ArchiveServer.start(root, ECHO_ONLY, archive -> UserIdentities.apiTokens(archive.apiTokens(),
                required));
        file = Instances.write(work.resolve("ct.dcm"), SOP, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void storesWithAnUploadersTokenAsPasscodeAndAnswersThePositiveResponse() throws Exception {
        start(false);
        String token = token("ci-upload", Role.UPLOADER);

        Dcmtk.Result anonymous = storescu();
        Dcmtk.Result uploader = storescu("-usr", "ci-upload", "-pwd", token, "-rsp");

        assertThat(anonymous.output()).contains("No Acceptable Presentation Contexts");
        assertThat(uploader.exitCode()).as(uploader.output()).isZero();
        assertThat(server.storedFile(SOP)).isRegularFile();
    }

    @Test
    void aViewersTokenMayNotStore() throws Exception {
        start(false);
        String token = token("reader", Role.VIEWER);

        Dcmtk.Result viewer = storescu("-usr", "reader", "-pwd", token);

        assertThat(viewer.exitCode()).as(viewer.output()).isNotZero();
        assertThat(viewer.output()).contains("No Acceptable Presentation Contexts");
        assertThat(server.archive().index().find(SOP)).isNull();
    }

    @Test
    void rejectsAWrongRevokedOrMisnamedPasscodeAndKeepsServing() throws Exception {
        start(false);
        String token = token("ci-upload", Role.UPLOADER);
        String revoked = token("old", Role.UPLOADER);
        server.archive().apiTokens().revoke("old");

        for (List<String> identity : List.of(List.of("-usr", "ci-upload", "-pwd", "pacslite_wrong"),
                List.of("-usr", "someone-else", "-pwd", token), List.of("-usr", "old", "-pwd", revoked))) {
            Dcmtk.Result refused = storescu(identity.toArray(String[]::new));
            assertThat(refused.exitCode()).as(refused.output()).isNotZero();
            assertThat(refused.output()).as(identity.toString()).contains("Association Rejected");
        }
        assertThat(storescu("-usr", "ci-upload", "-pwd", token).exitCode()).isZero();
    }

    @Test
    void refusesAJsonWebTokenUntilAnIdentityProviderIsConfigured() throws Exception {
        start(false);
        Path jwt = Files.writeString(work.resolve("token.jwt"), "eyJhbGciOiJSUzI1NiJ9.e30.c2ln");

        Dcmtk.Result result = storescu("--jwt", jwt.toString());

        assertThat(result.output()).contains("Association Rejected");
    }

    /**
     * With an identity provider configured, storescu's {@code --jwt} (type 5) is checked like a
     * bearer JWT over HTTP: a token of the provider with an uploader's role claim stores, and the
     * audit trail names its user; one signed by another key, or whose claims give no role, is
     * rejected.
     */
    @Test
    void storesWithTheIdentityProvidersJsonWebToken() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("idp-1").generate();
        Path jwks = Files.writeString(work.resolve("jwks.json"), new JWKSet(key.toPublicJWK()).toString());
        OidcConfig oidc = new OidcConfig(ISSUER, "pacslite", null, jwks, "roles", "preferred_username",
                Map.of("PACS.Upload", Role.UPLOADER), OidcConfig.DEFAULT_ALGORITHMS, Duration.ofSeconds(60),
                Duration.ofSeconds(5));
        server = ArchiveServer.start(root, ECHO_ONLY, archive -> UserIdentities.apiTokens(archive.apiTokens(), true)
                .withIdentityProvider(new JwtAuthenticator(oidc)));
        file = Instances.write(work.resolve("ct.dcm"), SOP, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);

        Dcmtk.Result forged = storescu("--jwt", jwt(new RSAKeyGenerator(2048).keyID("idp-1").generate(),
                "PACS.Upload").toString());
        Dcmtk.Result roleless = storescu("--jwt", jwt(key, "Staff").toString());
        assertThat(forged.output()).contains("Association Rejected");
        assertThat(roleless.output()).contains("Association Rejected");
        assertThat(server.archive().index().find(SOP)).isNull();

        Dcmtk.Result uploader = storescu("--jwt", jwt(key, "PACS.Upload").toString());

        assertThat(uploader.exitCode()).as(uploader.output()).isZero();
        assertThat(server.storedFile(SOP)).isRegularFile();
        List<AuditEvent> stores = server.closeAndReadAuditTrail().stream()
                .filter(event -> event.action() == AuditEvent.Action.STORE).toList();
        server = null;
        assertThat(stores).singleElement().satisfies(event -> {
            assertThat(event.who()).isEqualTo("user alice");
            assertThat(event.role()).isEqualTo("uploader");
            assertThat(event.address()).isEqualTo("MODALITY@127.0.0.1");
        });
    }

    /** A JWT of {@link #ISSUER} for alice, whose roles claim holds {@code role}, in a file for storescu. */
    private Path jwt(RSAKey key, String role) throws Exception {
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                new JWTClaimsSet.Builder().issuer(ISSUER).audience("pacslite").claim("preferred_username", "alice")
                        .claim("roles", List.of(role)).issueTime(Date.from(now))
                        .expirationTime(Date.from(now.plusSeconds(300))).build());
        jwt.sign(new RSASSASigner(key));
        return Files.writeString(Files.createTempFile(work, "token", ".jwt"), jwt.serialize());
    }

    @Test
    void rejectsAnAssociationWithoutIdentityWhenOneIsRequired() throws Exception {
        start(true);
        String token = token("ci-upload", Role.UPLOADER);

        Dcmtk.Result anonymous = storescu();
        Dcmtk.Result usernameOnly = storescu("-usr", "ci-upload");
        Dcmtk.Result uploader = storescu("-usr", "ci-upload", "-pwd", token);

        assertThat(anonymous.output()).contains("Association Rejected");
        assertThat(usernameOnly.output()).contains("Association Rejected");
        assertThat(uploader.exitCode()).as(uploader.output()).isZero();
    }

    private String token(String name, Role role) {
        return server.archive().apiTokens().create(name, role, null).secret();
    }

    private Dcmtk.Result storescu(String... identity) throws Exception {
        List<String> command = new ArrayList<>(List.of("-v", "-aet", "MODALITY", "-aec", "PACSLITE"));
        command.addAll(List.of(identity));
        command.addAll(List.of("127.0.0.1", Integer.toString(server.port()), file.toString()));
        return Dcmtk.run(work, "storescu", command);
    }
}
