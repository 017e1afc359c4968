package io.pacslite.dimse.association;

import io.pacslite.archive.access.Principal;
import io.pacslite.dimse.pdu.AssociateAc;
import io.pacslite.dimse.pdu.AssociateRj;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The outcome of association negotiation: an A-ASSOCIATE-AC or an A-ASSOCIATE-RJ to send. */
public sealed interface NegotiationResult {

    /**
     * The association is accepted, PS3.8 section 9.3.3. {@code contexts} may be empty when
     * every presentation context was rejected: PS3.8 still answers with an AC then.
     *
     * @param ac               the A-ASSOCIATE-AC to send
     * @param contexts         the accepted presentation contexts, in the order proposed
     * @param peerMaxPduLength the largest P-DATA-TF the requestor receives (PS3.8 Annex D.1);
     *                         0 means no limit, which is also assumed when the requestor sent none
     * @param user             the user the RQ's identity verified (PS3.7 Annex D.3.3.7), if any
     */
    record Accepted(AssociateAc ac, List<AcceptedContext> contexts, long peerMaxPduLength, Optional<Principal> user)
            implements NegotiationResult {
        /** Copies the list and checks the limit fits the 32-bit field. */
        public Accepted {
            Objects.requireNonNull(ac, "ac");
            Objects.requireNonNull(user, "user");
            contexts = List.copyOf(contexts);
            if (peerMaxPduLength < 0 || peerMaxPduLength > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("maximum length is a 32-bit field: " + peerMaxPduLength);
            }
        }
    }

    /**
     * The association is rejected, PS3.8 section 9.3.4.
     *
     * @param rj  the A-ASSOCIATE-RJ to send
     * @param why a sentence for the log, naming what the requestor sent
     */
    record Rejected(AssociateRj rj, String why) implements NegotiationResult {
        /** Checks both are present. */
        public Rejected {
            Objects.requireNonNull(rj, "rj");
            Objects.requireNonNull(why, "why");
        }
    }
}
