package io.pacslite.archive.access;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.text.ParseException;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks an identity provider's bearer JWT (RFC 7519; OpenID Connect Core 1.0) with the Nimbus
 * JOSE+JWT library: the JWS signature (RFC 7515) with a key of the provider's JWK Set (RFC 7517)
 * chosen by the header's {@code kid} and an accepted algorithm, so {@code alg: none} and
 * unconfigured HMAC fail; then the claims (RFC 7519 4.1): {@code iss} equal to the issuer,
 * {@code aud} containing the audience, and {@code exp} (required) and {@code nbf} against the
 * clock with the configured skew. Then {@link ClaimRoles} gives the role.
 *
 * <p>Keys from a URL are fetched when first needed, cached (five minutes) and fetched again at
 * once when a token names a {@code kid} the cache lacks, which is how a provider's key
 * rotation arrives; a rate limit keeps forged {@code kid}s from making it fetch more than
 * twice in 30 seconds. Keys from a file are read once, at start-up.
 */
public final class JwtAuthenticator {

    /** A JWK Set is a few kilobytes; a provider answering more is not answering a key set. */
    private static final int MAX_JWKS_BYTES = 1 << 20;

    /** The type of a JWT access token (RFC 9068 2.1); others are typed {@code JWT}, or not at all. */
    private static final JOSEObjectType ACCESS_TOKEN = new JOSEObjectType("at+jwt");

    private static final Logger LOG = LoggerFactory.getLogger(JwtAuthenticator.class);

    /** A user the provider vouches for, and the role its claims give, if any. */
    public record User(String name, Optional<Role> role) {

        /** How logs and the audit trail name the user: {@code user <name>}. */
        public String label() {
            return "user " + name;
        }

        /** The caller it is, if its claims give it a role. */
        public Optional<Principal> principal() {
            return role.map(granted -> new Principal(label(), granted));
        }
    }

    /** A token that is not one of the provider's, or not valid now; the message says why. */
    public static final class InvalidJwt extends Exception {
        InvalidJwt(String reason, Throwable cause) {
            super(reason, cause);
        }
    }

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final ClaimRoles claimRoles;
    private final String userClaim;

    /**
     * @throws UncheckedIOException if the key file cannot be read or holds no JWK Set
     */
    public JwtAuthenticator(OidcConfig config) {
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, ACCESS_TOKEN, null));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(
                config.algorithms().stream().map(JWSAlgorithm::parse).collect(Collectors.toSet()), keys(config)));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(Set.of(config.audience()),
                new JWTClaimsSet.Builder().issuer(config.issuer()).build(), Set.of("exp"), null);
        claims.setMaxClockSkew((int) config.clockSkew().toSeconds());
        processor.setJWTClaimsSetVerifier(claims);
        this.claimRoles = new ClaimRoles(config.roleClaim(), config.roles());
        this.userClaim = config.userClaim();
    }

    /** Whether {@code token} has the form of a JWS in compact serialization (RFC 7515 7.1): three dotted parts. */
    public static boolean isJwt(String token) {
        return token.chars().filter(c -> c == '.').count() == 2;
    }

    /**
     * The user {@code token} vouches for.
     *
     * @throws InvalidJwt if it is malformed, unsigned, signed by no key of the provider, for
     *     another issuer or audience, expired, not valid yet, or names no user; or if the
     *     provider's keys cannot be fetched
     */
    public User authenticate(String token) throws InvalidJwt {
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (ParseException e) {
            throw new InvalidJwt("not a JWT: " + e.getMessage(), e);
        } catch (KeySourceException e) {
            LOG.warn("cannot check a bearer JWT: the identity provider's keys are not at hand: {}", e.getMessage());
            throw new InvalidJwt("cannot check it with the identity provider's keys: " + e.getMessage(), e);
        } catch (BadJOSEException | JOSEException e) {
            throw new InvalidJwt(e.getMessage(), e);
        }
        String name = text(claims.getClaim(userClaim)).or(() -> text(claims.getSubject()))
                .orElseThrow(() -> new InvalidJwt("it names no user: no " + userClaim + " or sub claim", null));
        return new User(name, claimRoles.roleOf(claims));
    }

    private static JWKSource<SecurityContext> keys(OidcConfig config) {
        if (config.jwksFile() != null) {
            try {
                return new ImmutableJWKSet<>(JWKSet.load(config.jwksFile().toFile()));
            } catch (IOException | ParseException e) {
                throw new UncheckedIOException(new IOException("cannot read the JWK Set: " + e.getMessage(), e));
            }
        }
        int timeout = (int) config.jwksTimeout().toMillis();
        try {
            return JWKSourceBuilder.<SecurityContext>create(config.jwksUrl().toURL(),
                    new DefaultResourceRetriever(timeout, timeout, MAX_JWKS_BYTES)).build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("jwks-url is not a URL: " + config.jwksUrl(), e);
        }
    }

    /** A claim's value as a user name: printable ASCII kept, the rest made {@code ?}, so that answers stay one line. */
    private static Optional<String> text(Object value) {
        if (!(value instanceof String text) || text.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(text.chars().map(c -> c >= 0x20 && c < 0x7F ? c : '?')
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString());
    }
}
