package io.pacslite.dimse.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.archive.access.Role;
import io.pacslite.dicom.io.TransferSyntax;
import io.pacslite.dimse.association.AcceptancePolicy;
import io.pacslite.dimse.association.AeRules;
import io.pacslite.dimse.association.Permission;
import io.pacslite.dimse.association.UserIdentities;
import io.pacslite.dimse.testing.Dcmtk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
