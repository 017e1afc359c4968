package io.pacslite.dimse.net;

import io.pacslite.dimse.message.DimseMessage;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The sending side of an association's DIMSE messages, used by requestor and acceptor alike:
 * a command set alone (PS3.7 section 6.3.1), or a command set and the data set that follows
 * it, as P-DATA-TFs within the peer's maximum length (PS3.8 Annex D.1, E.2), each handed to
 * the upper layer as a P-DATA request (Evt9, DT-1). Also numbers the requests this side sends
 * (Message ID, PS3.7 section 9.1.1.1).
 */
final class DimseOutput {

    /** Largest data set fragment sent, whatever the peer allows; bounds the memory a send uses. */
    static final int MAX_FRAGMENT_LENGTH = 1 << 20;

    /** The upper layer: raises Evt9 (P-DATA request, DT-1) for each P-DATA-TF and writes them out. */
    @FunctionalInterface
    interface PDataRequest {
        /**
         * Sends the bytes of {@code pdus} from its position to its limit: {@code count} encoded P-DATA-TFs.
         *
         * @throws AssociationException if the association has ended or ends while they are sent
         */
        void send(ByteBuffer pdus, int count) throws AssociationException;
    }

    private final long peerMaxPduLength;
    private final PDataRequest upperLayer;
    /** The data sets sent, one at a time; made at the first. */
    private DataSetFragments dataSets;
    private int nextMessageId = 1;

    /** @param peerMaxPduLength the largest P-DATA-TF the peer receives; 0 means no limit */
    DimseOutput(long peerMaxPduLength, PDataRequest upperLayer) {
        this.peerMaxPduLength = peerMaxPduLength;
        this.upperLayer = upperLayer;
    }

    /** Sends a command set without a data set, split to the peer's maximum length. */
    void command(int contextId, DimseMessage message) throws AssociationException {
        for (byte[] pdu : CommandFragments.encoded(contextId, message, peerMaxPduLength)) {
            upperLayer.send(ByteBuffer.wrap(pdu), 1);
        }
    }

    /**
     * Sends {@code command} and the data set that follows it on {@code contextId}, which
     * {@code dataset} writes, in fragments of the peer's maximum length.
     *
     * @throws AssociationException if the association ends before or while they are sent
     * @throws IOException if {@code dataset} fails to write the data set
     */
    void send(int contextId, DimseMessage command, StoreRequest.DataSet dataset) throws IOException {
        if (dataSets == null) {
            dataSets = new DataSetFragments(CommandFragments.fragmentLength(peerMaxPduLength, MAX_FRAGMENT_LENGTH),
                    upperLayer::send);
        }
        dataSets.send(contextId, CommandFragments.encoded(contextId, command, peerMaxPduLength), dataset);
    }

    /** The Message ID for the next request this side sends: 1 to 65535, then 1 again. */
    int nextMessageId() {
        int id = nextMessageId;
        nextMessageId = nextMessageId == 0xFFFF ? 1 : nextMessageId + 1;
        return id;
    }
}
