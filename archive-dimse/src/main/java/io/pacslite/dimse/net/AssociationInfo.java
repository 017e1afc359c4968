package io.pacslite.dimse.net;

import io.pacslite.archive.access.Principal;
import io.pacslite.dimse.association.AcceptedContext;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An established association as the services see it (PS3.8 section 7.1.1: the A-ASSOCIATE
 * parameters that matter to a service).
 *
 * @param callingAeTitle the requestor's AE title
 * @param calledAeTitle  the AE title the requestor called
 * @param peer           the requestor's address
 * @param contexts       the accepted presentation contexts
 * @param user           the user its identity verified (PS3.7 Annex D.3.3.7), if any
 */
public record AssociationInfo(String callingAeTitle, String calledAeTitle, InetSocketAddress peer,
        List<AcceptedContext> contexts, Optional<Principal> user) {

    /** Copies the list; every field is required. */
    public AssociationInfo {
        Objects.requireNonNull(callingAeTitle, "callingAeTitle");
        Objects.requireNonNull(calledAeTitle, "calledAeTitle");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(user, "user");
        contexts = List.copyOf(contexts);
    }

    /**
     * How the audit trail names the requestor: the verified user, else the calling AE title
     * (docs/security.md, "Audit trail").
     */
    public String who() {
        return user.map(Principal::name).orElse(callingAeTitle.strip());
    }
}
