package io.pacslite.dimse.association;

import io.pacslite.archive.access.ApiTokens;
import io.pacslite.archive.access.JwtAuthenticator;
import io.pacslite.dimse.association.IdentityOutcome.Anonymous;
import io.pacslite.dimse.association.IdentityOutcome.Authenticated;
import io.pacslite.dimse.association.IdentityOutcome.Refused;
import io.pacslite.dimse.pdu.UserInformationItem.UserIdentityRq;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Checks the user identity of an A-ASSOCIATE-RQ (PS3.7 Annex D.3.3.7) against the archive's
 * API tokens, so that DIMSE users have the roles HTTP users have (docs/security.md):
 *
 * <ul>
 *   <li>username and passcode (type 2): the username is a token's name, the passcode the token;
 *       a wrong one is refused;</li>
 *   <li>username alone (type 1): proves nothing, so it adds nothing (refused where an identity is
 *       required);</li>
 *   <li>JSON Web Token (type 5): checked like a bearer JWT over HTTP, by the OpenID Connect
 *       identity provider's keys, issuer and audience ({@link JwtAuthenticator}); the user gets the
 *       role its claims map to. Refused when no identity provider is configured, or the token
 *       is invalid or maps to no role;</li>
 *   <li>Kerberos (3), SAML (4): refused.</li>
 * </ul>
 */
public final class UserIdentities {

    private static final Anonymous ANONYMOUS = new Anonymous();
    /** How {@link ApiTokens} names the caller a token stands for. */
    private static final String TOKEN_PRINCIPAL = "token ";

    private final ApiTokens tokens;
    private final JwtAuthenticator identityProvider;
    private final boolean required;

    private UserIdentities(ApiTokens tokens, JwtAuthenticator identityProvider, boolean required) {
        this.tokens = tokens;
        this.identityProvider = identityProvider;
        this.required = required;
    }

    /** No user identity is checked: every association is {@link Anonymous}. */
    public static UserIdentities none() {
        return new UserIdentities(null, null, false);
    }

    /**
     * Identities checked against {@code tokens}; with {@code required}, an association without a
     * verified one is refused.
     */
    public static UserIdentities apiTokens(ApiTokens tokens, boolean required) {
        return new UserIdentities(tokens, null, required);
    }

    /** These identities, with JSON Web Tokens (type 5) checked by {@code identityProvider}. */
    public UserIdentities withIdentityProvider(JwtAuthenticator identityProvider) {
        return new UserIdentities(tokens, identityProvider, required);
    }

    /** What {@code identity} (the RQ's sub-item 58H, if any) comes to. */
    public IdentityOutcome check(Optional<UserIdentityRq> identity) {
        if (identity.isEmpty() || tokens == null) {
            return required ? new Refused("no user identity; one is required (dicom.require-user-identity)")
                    : ANONYMOUS;
        }
        UserIdentityRq rq = identity.get();
        String username = text(rq.primaryField().toByteArray());
        return switch (rq.type()) {
            case USERNAME -> required
                    ? new Refused("user " + username + " sent no passcode; one is required") : ANONYMOUS;
            case USERNAME_AND_PASSCODE -> tokens.authenticate(text(rq.secondaryField().toByteArray()))
                    .filter(user -> user.name().equals(TOKEN_PRINCIPAL + username))
                    .<IdentityOutcome>map(Authenticated::new)
                    .orElseGet(() -> new Refused("user " + username + ": the passcode is not the API token of "
                            + "that name, or it is expired or revoked"));
            case JWT -> identityProviderUser(text(rq.primaryField().toByteArray()));
            case KERBEROS, SAML -> new Refused(rq.type() + " user identities are not supported");
        };
    }

    /** What a JSON Web Token comes to: the identity provider's user, if it vouches for one with a role. */
    private IdentityOutcome identityProviderUser(String jwt) {
        if (identityProvider == null) {
            return new Refused("JSON Web Tokens are not accepted: no identity provider is configured (http.oidc.issuer)");
        }
        try {
            JwtAuthenticator.User user = identityProvider.authenticate(jwt);
            return user.principal().<IdentityOutcome>map(Authenticated::new)
                    .orElseGet(() -> new Refused(user.label() + " has no role here: no value of its role claim maps to one"));
        } catch (JwtAuthenticator.InvalidJwt e) {
            return new Refused("the JSON Web Token is refused: " + e.getMessage());
        }
    }

    /** The start-up log's words on user identity. */
    public String posture() {
        String jwt = identityProvider == null ? "" : ", or the identity provider's JSON Web Token";
        return tokens == null ? "user identity: not checked"
                : required ? "user identity: required (username and an API token as passcode" + jwt + ")"
                : "user identity: optional (username and an API token as passcode" + jwt + " add a role)";
    }

    private static String text(byte[] utf8) {
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
