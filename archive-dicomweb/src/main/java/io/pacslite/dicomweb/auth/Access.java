package io.pacslite.dicomweb.auth;

import io.pacslite.archive.access.ApiTokens;
import io.pacslite.archive.access.JwtAuthenticator;
import io.pacslite.archive.access.OidcConfig;
import io.pacslite.archive.access.Principal;
import io.pacslite.archive.access.Role;
import io.pacslite.archive.access.ViewerLinks;
import io.pacslite.dicomweb.server.HttpError;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may call a route: the caller is authenticated by a bearer token (RFC 6750 2.1, an
 * {@link ApiTokens API token} or a {@link ViewerLinks signed viewer link}) and then needs a
 * role that includes the route's, and a caller limited to one study must stay in it
 * ({@link StudyScope}). Without
 * credentials the answer is 401 with a {@code WWW-Authenticate: Bearer realm="pacslite"}
 * challenge (RFC 7235 3.1, RFC 6750 3); with an unknown, expired or revoked token, 401 with
 * {@code error="invalid_token"}; with too small a role, 403 with
 * {@code error="insufficient_scope"} (RFC 6750 3.1). The reason goes in the body and a
 * Warning header like every error of this server.
 *
 * <p>When {@code openLoopback} is set (the default), a request from a loopback address
 * (127.0.0.0/8, ::1) without credentials is served as an admin: the first start needs no
 * token, and only this machine's users get in. A request that carries credentials is always
 * checked.
 *
 * <p>With {@link OidcConfig OpenID Connect} configured, a bearer token in the form of a JWT is
 * checked by {@link JwtAuthenticator} instead: the identity provider's user gets the role its
 * claims map to; 401 if the token is not valid, 403 if no claim value maps to a role.
 *
 * <p>Every refusal and every authenticated request passes through {@link #check}, the place
 * for the audit trail to record them.
 */
public final class Access {

    private static final String REALM = "Bearer realm=\"pacslite\"";
    private static final String BEARER = "bearer ";
    private static final Principal LOOPBACK = new Principal("loopback", Role.ADMIN);
    private static final Logger LOG = LoggerFactory.getLogger(Access.class);

    private final ApiTokens tokens;
    private final ViewerLinks links;
    private final boolean openLoopback;
    private final JwtAuthenticator identityProvider;

    /**
     * @param tokens the API tokens to check bearer tokens against
     * @param links the signed viewer links to check link tokens against
     * @param openLoopback whether loopback clients without credentials are served as admins
     * @param oidc the identity provider whose JWTs are accepted, or null for none
     * @throws java.io.UncheckedIOException if the identity provider's key file cannot be read
     */
    public Access(ApiTokens tokens, ViewerLinks links, boolean openLoopback, OidcConfig oidc) {
        this.tokens = tokens;
        this.links = links;
        this.openLoopback = openLoopback;
        this.identityProvider = oidc == null ? null : new JwtAuthenticator(oidc);
    }

    /**
     * Lets the caller of {@code exchange} through if it may do what {@code needed} allows.
     *
     * @throws HttpError 401 without valid credentials, 403 with a role that does not include
     *     {@code needed} or a request beyond the caller's study ({@link StudyScope})
     */
    public void check(HttpServerExchange exchange, Role needed) {
        Principal caller = authenticate(exchange);
        if (!caller.role().includes(needed)) {
            throw forbidden(exchange, caller.name() + " has the role " + caller.role().label() + "; this needs "
                    + needed.label());
        }
        StudyScope.check(exchange, caller);
        exchange.putAttachment(StudyScope.CALLER, caller);
    }

    /** One line for the start-up log saying who gets in without a token. */
    public String posture() {
        return openLoopback
                ? "HTTP access: open to this machine (loopback addresses, served as admin without a token);"
                        + " other clients need a bearer token (docs/security.md)"
                : "HTTP access: every client needs a bearer token, also on this machine (docs/security.md)";
    }

    private Principal authenticate(HttpServerExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
        if (authorization == null) {
            if (openLoopback && fromLoopback(exchange)) {
                return LOOPBACK;
            }
            throw unauthorized(exchange, REALM, "authentication required: send Authorization: Bearer <token>");
        }
        Optional<String> token = bearerToken(authorization);
        boolean link = token.isPresent() && token.get().startsWith(ViewerLinks.PREFIX);
        if (!link && identityProvider != null && token.isPresent() && JwtAuthenticator.isJwt(token.get())) {
            return identityProviderUser(exchange, token.get());
        }
        Optional<Principal> caller = token.flatMap(bearer -> link ? links.authenticate(bearer) : tokens.authenticate(bearer));
        return caller.orElseThrow(() -> unauthorized(exchange, REALM + ", error=\"invalid_token\"",
                "the bearer token is unknown, expired or revoked"));
    }

    /** The identity provider's user that {@code jwt} names (docs/security.md, OpenID Connect). */
    private Principal identityProviderUser(HttpServerExchange exchange, String jwt) {
        JwtAuthenticator.User user;
        try {
            user = identityProvider.authenticate(jwt);
        } catch (JwtAuthenticator.InvalidJwt e) {
            LOG.info("refused a bearer JWT from {}: {}", exchange.getSourceAddress(), e.getMessage());
            throw unauthorized(exchange, REALM + ", error=\"invalid_token\"", "the bearer JWT is refused: "
                    + e.getMessage());
        }
        return user.principal().orElseThrow(() -> forbidden(exchange,
                user.label() + " has no role here: no value of its role claim maps to one"));
    }

    /** The token of an {@code Authorization: Bearer <token>} header; the scheme is case-insensitive (RFC 7235 2.1). */
    private static Optional<String> bearerToken(String authorization) {
        if (authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        return Optional.of(authorization.substring(BEARER.length()).strip());
    }

    private static boolean fromLoopback(HttpServerExchange exchange) {
        InetSocketAddress source = exchange.getSourceAddress();
        return source != null && source.getAddress() != null && source.getAddress().isLoopbackAddress();
    }

    private static HttpError forbidden(HttpServerExchange exchange, String reason) {
        exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, REALM + ", error=\"insufficient_scope\"");
        return new HttpError(403, reason);
    }

    private static HttpError unauthorized(HttpServerExchange exchange, String challenge, String reason) {
        exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, challenge);
        return new HttpError(401, reason);
    }
}
