package io.pacslite.archive.access;

import com.nimbusds.jose.JWSAlgorithm;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The settings for accepting an identity provider's bearer JWTs (OpenID Connect Core 1.0;
 * docs/security.md), checked once when the server starts.
 *
 * @param issuer the {@code iss} every token must carry exactly (OpenID Connect Core 2, the
 *     provider's issuer identifier)
 * @param audience a value the token's {@code aud} must contain (RFC 7519 4.1.3): the client ID
 *     or application ID URI the provider gives PACS-lite
 * @param jwksUrl where the provider publishes its keys as a JWK Set (RFC 7517 5), or null
 * @param jwksFile a file holding the JWK Set, or null; exactly one of the two is set
 * @param roleClaim the claim that carries role or group names; a dotted path reaches into a
 *     JSON object ({@code realm_access.roles})
 * @param userClaim the claim that names the user in logs ({@code preferred_username});
 *     {@code sub} when the token has none
 * @param roles which role each value of the role claim gives; a caller with several gets the largest
 * @param algorithms the JWS algorithms accepted (RFC 7518 3.1): RSA, elliptic curve; never {@code none}, and HMAC
 *     ({@code HS256}...) only with a key file, since a shared secret is not published at a URL
 * @param clockSkew how far {@code exp} and {@code nbf} may be off this machine's clock
 * @param jwksTimeout how long fetching the key set may take to connect, and then to read
 */
public record OidcConfig(String issuer, String audience, URI jwksUrl, Path jwksFile, String roleClaim,
        String userClaim, Map<String, Role> roles, List<String> algorithms, Duration clockSkew, Duration jwksTimeout) {

    /** The algorithms accepted unless configured otherwise: RSA and elliptic-curve signatures. */
    public static final List<String> DEFAULT_ALGORITHMS = List.of("RS256", "RS384", "RS512", "PS256", "PS384",
            "PS512", "ES256", "ES384", "ES512");

    public OidcConfig {
        requireText(issuer, "issuer");
        requireText(audience, "audience");
        requireText(roleClaim, "role-claim");
        requireText(userClaim, "user-claim");
        if ((jwksUrl == null) == (jwksFile == null)) {
            throw new IllegalArgumentException("set one of jwks-url and jwks-file");
        }
        if (jwksUrl != null && !Set.of("http", "https").contains(String.valueOf(jwksUrl.getScheme()))) {
            throw new IllegalArgumentException("jwks-url is not an http or https URL: " + jwksUrl);
        }
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("no claim value maps to a role: nobody could get in");
        }
        if (algorithms.isEmpty()) {
            throw new IllegalArgumentException("no algorithm is accepted");
        }
        for (String name : algorithms) {
            JWSAlgorithm algorithm = JWSAlgorithm.parse(name);
            if (!JWSAlgorithm.Family.RSA.contains(algorithm) && !JWSAlgorithm.Family.EC.contains(algorithm)
                    && !JWSAlgorithm.Family.HMAC_SHA.contains(algorithm)) {
                throw new IllegalArgumentException("not an RSA, elliptic-curve or HMAC signature algorithm: " + name);
            }
            if (JWSAlgorithm.Family.HMAC_SHA.contains(algorithm) && jwksFile == null) {
                throw new IllegalArgumentException(name + " needs a shared secret: give it in jwks-file, not at a URL");
            }
        }
        if (clockSkew.isNegative()) {
            throw new IllegalArgumentException("clock-skew must not be negative: " + clockSkew);
        }
        if (jwksTimeout.isZero() || jwksTimeout.isNegative()) {
            throw new IllegalArgumentException("jwks-timeout must be positive: " + jwksTimeout);
        }
        roles = Map.copyOf(roles);
        algorithms = List.copyOf(algorithms);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must be set");
        }
    }
}
