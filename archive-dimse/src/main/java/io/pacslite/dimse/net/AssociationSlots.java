package io.pacslite.dimse.net;

import io.pacslite.dimse.association.AcceptancePolicy;
import io.pacslite.dimse.association.IdentityOutcome;
import io.pacslite.dimse.association.Negotiation;
import io.pacslite.dimse.association.NegotiationResult;
import io.pacslite.dimse.association.UserIdentities;
import io.pacslite.dimse.pdu.AssociateRq;

/**
 * Counts the server's established associations and negotiates under that count, so that two
 * requests arriving together cannot both take the last slot of {@link AcceptancePolicy#maxAssociations()}.
 */
final class AssociationSlots {

    private final AcceptancePolicy policy;
    private final UserIdentities identities;
    private int active;

    AssociationSlots(AcceptancePolicy policy, UserIdentities identities) {
        this.policy = policy;
        this.identities = identities;
    }

    /**
     * Negotiates {@code rq}; an accepted association holds a slot until {@link #release()}. Its
     * user identity is checked first, outside the lock, since that may look up the index.
     */
    NegotiationResult negotiate(AssociateRq rq) {
        IdentityOutcome identity = identities.check(rq.userInformation().userIdentityRq());
        synchronized (this) {
            NegotiationResult result = Negotiation.negotiate(policy, rq, active, identity);
            if (result instanceof NegotiationResult.Accepted) {
                active++;
            }
            return result;
        }
    }

    synchronized void release() {
        active--;
    }

    synchronized int active() {
        return active;
    }

    AcceptancePolicy policy() {
        return policy;
    }
}
