package io.pacslite.dimse.net;

import io.pacslite.dimse.association.AcceptancePolicy;
import io.pacslite.dimse.association.Negotiation;
import io.pacslite.dimse.association.NegotiationResult;
import io.pacslite.dimse.pdu.AssociateRq;

/**
 * Counts the server's established associations and negotiates under that count, so that two
 * requests arriving together cannot both take the last slot of {@link AcceptancePolicy#maxAssociations()}.
 */
final class AssociationSlots {

    private final AcceptancePolicy policy;
    private int active;

    AssociationSlots(AcceptancePolicy policy) {
        this.policy = policy;
    }

    /** Negotiates {@code rq}; an accepted association holds a slot until {@link #release()}. */
    synchronized NegotiationResult negotiate(AssociateRq rq) {
        NegotiationResult result = Negotiation.negotiate(policy, rq, active);
        if (result instanceof NegotiationResult.Accepted) {
            active++;
        }
        return result;
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
