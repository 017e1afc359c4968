package io.pacslite.archive.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ClaimRolesTest {

    private static final Map<String, Role> ROLES = Map.of("PACS.Viewer", Role.VIEWER, "PACS.Admin", Role.ADMIN,
            "0b6e7c4e-group", Role.UPLOADER);

    static Stream<Arguments> claims() {
        return Stream.of(
                Arguments.of("Azure-like app roles, an array at the top", "roles",
                        Map.of("roles", List.of("PACS.Viewer")), Optional.of(Role.VIEWER)),
                Arguments.of("Keycloak-like realm roles, nested", "realm_access.roles",
                        Map.of("realm_access", Map.of("roles", List.of("offline_access", "PACS.Admin"))),
                        Optional.of(Role.ADMIN)),
                Arguments.of("group IDs, the largest role wins", "groups",
                        Map.of("groups", List.of("PACS.Viewer", "0b6e7c4e-group")), Optional.of(Role.UPLOADER)),
                Arguments.of("one string", "role", Map.of("role", "PACS.Viewer"), Optional.of(Role.VIEWER)),
                Arguments.of("a namespaced claim with dots in its name", "https://example.org/roles",
                        Map.of("https://example.org/roles", List.of("PACS.Admin")), Optional.of(Role.ADMIN)),
                Arguments.of("values that map to nothing", "roles", Map.of("roles", List.of("nurse")), Optional.empty()),
                Arguments.of("no such claim", "realm_access.roles", Map.of("roles", List.of("PACS.Admin")),
                        Optional.empty()),
                Arguments.of("a path through a value that is not an object", "roles.admin",
                        Map.of("roles", List.of("PACS.Admin")), Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("claims")
    void mapsTheClaimValuesToTheLargestRole(String what, String path, Map<String, Object> claims, Optional<Role> role) {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
        claims.forEach(builder::claim);

        assertThat(new ClaimRoles(path, ROLES).roleOf(builder.build())).isEqualTo(role);
    }
}
