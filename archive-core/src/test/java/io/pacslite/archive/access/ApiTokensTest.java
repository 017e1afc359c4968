package io.pacslite.archive.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.pacslite.archive.index.Index;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiTokensTest {

    @TempDir
    Path dir;

    private Index index;
    private ApiTokens tokens;

    @BeforeEach
    void open() {
        index = Index.open(dir);
        tokens = new ApiTokens(index.apiTokens());
    }

    @AfterEach
    void close() {
        index.close();
    }

    @Test
    void aCreatedTokenAuthenticatesAsItsNameAndRole() {
        ApiTokens.Created created = tokens.create("ci-upload", Role.UPLOADER, null);

        assertThat(created.secret()).startsWith(ApiTokens.PREFIX).hasSize(ApiTokens.PREFIX.length() + 43);
        assertThat(tokens.authenticate(created.secret())).contains(new Principal("token ci-upload", Role.UPLOADER));
    }

    @Test
    void tokensAreRandomAndOnlyTheirHashIsStored() throws Exception {
        String first = tokens.create("a", Role.VIEWER, null).secret();
        String second = tokens.create("b", Role.VIEWER, null).secret();

        assertThat(first).isNotEqualTo(second);
        List<String> stored = index.read("reading hashes", c -> {
            List<String> hashes = new ArrayList<>();
            try (var s = c.createStatement(); var rs = s.executeQuery("SELECT token_hash FROM api_token")) {
                while (rs.next()) {
                    hashes.add(rs.getString(1));
                }
            }
            return hashes;
        });
        assertThat(stored).hasSize(2).allSatisfy(hash -> assertThat(hash).hasSize(64)
                .doesNotContain(first.substring(ApiTokens.PREFIX.length()))
                .doesNotContain(second.substring(ApiTokens.PREFIX.length())));
    }

    @Test
    void refusesAnUnknownOrAlteredToken() {
        String secret = tokens.create("viewer", Role.VIEWER, null).secret();
        String altered = secret.substring(0, secret.length() - 1) + (secret.endsWith("A") ? "B" : "A");

        assertThat(tokens.authenticate(altered)).isEmpty();
        assertThat(tokens.authenticate("pacslite_")).isEmpty();
        assertThat(tokens.authenticate("")).isEmpty();
    }

    @Test
    void refusesAnExpiredToken() {
        String expired = tokens.create("old", Role.ADMIN, Instant.now().minus(Duration.ofMinutes(1))).secret();
        String current = tokens.create("new", Role.ADMIN, Instant.now().plus(Duration.ofDays(1))).secret();

        assertThat(tokens.authenticate(expired)).isEmpty();
        assertThat(tokens.authenticate(current)).isPresent();
    }

    @Test
    void aRevokedTokenIsRefusedAtOnceAndItsNameIsNotReused() {
        String secret = tokens.create("laptop", Role.VIEWER, null).secret();

        assertThat(tokens.revoke("laptop")).isTrue();

        assertThat(tokens.authenticate(secret)).isEmpty();
        assertThat(tokens.revoke("laptop")).as("revoked already").isFalse();
        assertThat(tokens.revoke("nobody")).isFalse();
        assertThatThrownBy(() -> tokens.create("laptop", Role.VIEWER, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not reused");
    }

    @Test
    void listsEveryTokenWithItsState() {
        Instant expires = Instant.parse("2030-01-01T00:00:00Z");
        tokens.create("b-viewer", Role.VIEWER, expires);
        tokens.create("a-admin", Role.ADMIN, null);
        tokens.revoke("a-admin");

        assertThat(tokens.list()).extracting(ApiToken::name, ApiToken::role, ApiToken::expires)
                .containsExactly(tuple("a-admin", Role.ADMIN, null),
                        tuple("b-viewer", Role.VIEWER, expires));
        assertThat(tokens.list().get(0).revoked()).isNotNull();
        assertThat(tokens.list().get(1).revoked()).isNull();
    }

    @Test
    void refusesNamesThatWouldNotPrintCleanly() {
        assertThatThrownBy(() -> tokens.create("two words", Role.VIEWER, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tokens.create("x".repeat(65), Role.VIEWER, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rolesIncludeTheLesserOnes() {
        assertThat(Role.ADMIN.includes(Role.UPLOADER)).isTrue();
        assertThat(Role.UPLOADER.includes(Role.VIEWER)).isTrue();
        assertThat(Role.VIEWER.includes(Role.UPLOADER)).isFalse();
        assertThat(Role.of("uploader")).isEqualTo(Role.UPLOADER);
        assertThatThrownBy(() -> Role.of("root")).isInstanceOf(IllegalArgumentException.class);
    }
}
