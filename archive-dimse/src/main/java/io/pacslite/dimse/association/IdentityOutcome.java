package io.pacslite.dimse.association;

import io.pacslite.archive.access.Principal;
import java.util.Objects;

/**
 * What the user identity of an A-ASSOCIATE-RQ (PS3.7 Annex D.3.3.7) came to, as
 * {@link UserIdentities} found it; {@link Negotiation} answers accordingly.
 */
public sealed interface IdentityOutcome {

    /** No user identity, or one that proves nothing (a username without passcode): the AE rules alone apply. */
    record Anonymous() implements IdentityOutcome {
    }

    /**
     * A user identity that was verified: the user's role adds to what the calling AE title may do.
     *
     * @param user who it is
     */
    record Authenticated(Principal user) implements IdentityOutcome {
        /** Checks the user is present. */
        public Authenticated {
            Objects.requireNonNull(user, "user");
        }
    }

    /**
     * A user identity that was refused, or none where one is required: the association is rejected.
     *
     * @param why a sentence for the log; never the passcode
     */
    record Refused(String why) implements IdentityOutcome {
        /** Checks the reason is present. */
        public Refused {
            Objects.requireNonNull(why, "why");
        }
    }
}
