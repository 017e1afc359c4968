package io.pacslite.dimse.net;

import io.pacslite.dimse.message.CommandCodec;
import io.pacslite.dimse.message.DimseMessage;
import io.pacslite.dimse.pdu.Bytes;
import io.pacslite.dimse.pdu.PDataTf;
import io.pacslite.dimse.pdu.PduCodec;
import io.pacslite.dimse.pdu.PresentationDataValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits an encoded command set into P-DATA-TF PDUs that respect the peer's maximum length,
 * PS3.8 Annex D.1 (the limit is on the PDU's variable field, so each presentation data value
 * item, 4-byte length and 2-byte header included, must fit it) and Annex E.2; every fragment
 * has an even length, as PS3.8 Annex E.1 requires.
 */
final class CommandFragments {

    /** Item length field plus presentation context id and message control header. */
    private static final int ITEM_OVERHEAD = 6;

    private CommandFragments() {
    }

    /**
     * One P-DATA-TF per fragment; usually just one.
     *
     * @param peerMaxPduLength the peer's maximum length; 0 means unlimited
     */
    static List<PDataTf> of(int contextId, byte[] command, long peerMaxPduLength) {
        int fragmentLength = fragmentLength(peerMaxPduLength, Math.max(2, command.length));
        List<PDataTf> pdus = new ArrayList<>();
        for (int start = 0; start < command.length; start += fragmentLength) {
            int end = Math.min(command.length, start + fragmentLength);
            pdus.add(new PDataTf(List.of(new PresentationDataValue(contextId, true, end == command.length,
                    Bytes.of(Arrays.copyOfRange(command, start, end))))));
        }
        return pdus;
    }

    /** {@code message}'s command set (PS3.7 section 6.3.1) as {@link #of} splits it, each P-DATA-TF encoded. */
    static List<byte[]> encoded(int contextId, DimseMessage message, long peerMaxPduLength) {
        return of(contextId, CommandCodec.encode(message), peerMaxPduLength).stream().map(PduCodec::encode).toList();
    }

    /**
     * The longest even fragment (PS3.8 Annex E.1) whose P-DATA-TF stays within
     * {@code peerMaxPduLength} (0: no limit, PS3.8 Annex D.1), at most {@code cap}; at least 2
     * whatever the peer announced.
     */
    static int fragmentLength(long peerMaxPduLength, int cap) {
        long limit = peerMaxPduLength == 0 ? cap : Math.min(cap, peerMaxPduLength - ITEM_OVERHEAD);
        return (int) Math.max(2, limit & ~1L);
    }
}
