package io.pacslite.archive.access;

import com.nimbusds.jwt.JWTClaimsSet;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The role a token's claims give: the values of one claim (an array of strings, or one string),
 * each looked up in the configured mapping, the largest role found winning. The claim is named
 * by a path: a claim of exactly that name if there is one (a namespaced claim such as
 * {@code https://example.org/roles}), else one dot-separated step per JSON object, as
 * Keycloak's {@code realm_access.roles} (RFC 7519 4 allows any JSON value in a claim).
 */
final class ClaimRoles {

    private final String path;
    private final Map<String, Role> roles;

    ClaimRoles(String path, Map<String, Role> roles) {
        this.path = path;
        this.roles = roles;
    }

    /** The role {@code claims} give, empty if no value of the claim maps to one. */
    Optional<Role> roleOf(JWTClaimsSet claims) {
        return values(claims).stream().map(roles::get).filter(Objects::nonNull).max(Role::compareTo);
    }

    private List<?> values(JWTClaimsSet claims) {
        Object value = claims.getClaim(path);
        if (value == null) {
            value = claims.getClaims();
            for (String step : path.split("\\.")) {
                value = value instanceof Map<?, ?> object ? object.get(step) : null;
            }
        }
        if (value instanceof Collection<?> array) {
            return array.stream().filter(String.class::isInstance).toList();
        }
        return value instanceof String text ? List.of(text) : List.of();
    }
}
