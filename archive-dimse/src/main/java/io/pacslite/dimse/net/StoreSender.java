package io.pacslite.dimse.net;

import io.pacslite.dimse.message.CStoreRsp;
import java.io.IOException;

/**
 * Sends one instance with C-STORE and returns the C-STORE-RSP: {@link Association#store} to
 * a Move Destination, or the acceptor's own association for a C-GET's sub-operations.
 */
@FunctionalInterface
public interface StoreSender {

    /**
     * Sends {@code request} and waits for its response.
     *
     * @throws AssociationException {@link AssociationException.Reason#NO_PRESENTATION_CONTEXT}
     *         when no accepted context fits (nothing was sent), another reason when the
     *         association has ended
     * @throws IOException if the file could not be read before anything was sent
     */
    CStoreRsp store(StoreRequest request) throws IOException;
}
