package io.pacslite.dimse.net;

import io.pacslite.dimse.association.AcceptedContext;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;

/**
 * An established association as the services see it (PS3.8 section 7.1.1: the A-ASSOCIATE
 * parameters that matter to a service).
 *
 * @param callingAeTitle the requestor's AE title
 * @param calledAeTitle  the AE title the requestor called
 * @param peer           the requestor's address
 * @param contexts       the accepted presentation contexts
 */
public record AssociationInfo(
        String callingAeTitle, String calledAeTitle, InetSocketAddress peer, List<AcceptedContext> contexts) {

    /** Copies the list; every field is required. */
    public AssociationInfo {
        Objects.requireNonNull(callingAeTitle, "callingAeTitle");
        Objects.requireNonNull(calledAeTitle, "calledAeTitle");
        Objects.requireNonNull(peer, "peer");
        contexts = List.copyOf(contexts);
    }
}
