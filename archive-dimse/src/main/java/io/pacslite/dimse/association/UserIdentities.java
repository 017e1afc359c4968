package io.pacslite.dimse.association;

import io.pacslite.archive.access.ApiTokens;
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
 *   <li>JSON Web Token (type 5), Kerberos (3), SAML (4): refused; JWTs are to be checked by the
 *       identity provider's keys once OpenID Connect is configured (issue 10), here.</li>
 * </ul>
 */
public final class UserIdentities {

    private static final Anonymous ANONYMOUS = new Anonymous();
    /** How {@link ApiTokens} names the caller a token stands for. */
    private static final String TOKEN_PRINCIPAL = "token ";

    private final ApiTokens tokens;
    private final boolean required;

    private UserIdentities(ApiTokens tokens, boolean required) {
        this.tokens = tokens;
        this.required = required;
    }

    /** No user identity is checked: every association is {@link Anonymous}. */
    public static UserIdentities none() {
        return new UserIdentities(null, false);
    }

    /**
     * Identities checked against {@code tokens}; with {@code required}, an association without a
     * verified one is refused.
     */
    public static UserIdentities apiTokens(ApiTokens tokens, boolean required) {
        return new UserIdentities(tokens, required);
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
            case JWT -> new Refused("JSON Web Tokens are not accepted yet (no identity provider is configured)");
            case KERBEROS, SAML -> new Refused(rq.type() + " user identities are not supported");
        };
    }

    /** The start-up log's words on user identity. */
    public String posture() {
        return tokens == null ? "user identity: not checked"
                : required ? "user identity: required (username and an API token as passcode)"
                : "user identity: optional (username and an API token as passcode add the token's role)";
    }

    private static String text(byte[] utf8) {
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
