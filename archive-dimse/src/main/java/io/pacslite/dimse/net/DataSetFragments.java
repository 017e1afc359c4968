package io.pacslite.dimse.net;

import io.pacslite.dimse.pdu.PduCodec;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * The sending side of a data set, PS3.8 Annex E.2: bytes written here leave as data set
 * fragments (message control header bit 0 clear), one P-DATA-TF per fragment, each as long
 * as the peer's maximum length allows (PS3.8 Annex D.1) and of even length (Annex E.1) but
 * for the last, which is even when the data set is. A full fragment is held back until
 * more bytes come, so that {@link #finish()} can mark the last one. Only one fragment is in
 * memory at a time; {@link #flush()} sends nothing, as fragment boundaries are this class's
 * choice.
 */
final class DataSetFragments extends OutputStream {

    /** Where each complete P-DATA-TF goes: the association, raising Evt9 (P-DATA request) for it. */
    @FunctionalInterface
    interface Sender {
        /** Sends the first {@code length} bytes of {@code pdu}, one encoded P-DATA-TF. */
        void send(byte[] pdu, int length) throws IOException;
    }

    private static final int HEADER = PduCodec.SINGLE_VALUE_P_DATA_TF_HEADER_LENGTH;

    private final int contextId;
    private final Sender sender;
    private final byte[] pdu;
    private int filled;
    private boolean finished;

    /**
     * @param fragmentLength the length of every fragment but the last, even and positive
     */
    DataSetFragments(int contextId, int fragmentLength, Sender sender) {
        if (fragmentLength < 2 || fragmentLength % 2 != 0) {
            throw new IllegalArgumentException("fragment length must be even and positive: " + fragmentLength);
        }
        this.contextId = contextId;
        this.sender = Objects.requireNonNull(sender, "sender");
        this.pdu = new byte[HEADER + fragmentLength];
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        if (finished) {
            throw new IOException("data set already finished");
        }
        while (length > 0) {
            if (filled == pdu.length - HEADER) {
                send(false);
            }
            int count = Math.min(length, pdu.length - HEADER - filled);
            System.arraycopy(bytes, offset, pdu, HEADER + filled, count);
            filled += count;
            offset += count;
            length -= count;
        }
    }

    /** Sends what is held as the last fragment (possibly empty, for an empty data set). */
    void finish() throws IOException {
        if (!finished) {
            finished = true;
            send(true);
        }
    }

    private void send(boolean last) throws IOException {
        PduCodec.writeSingleValueHeader(pdu, contextId, false, last, filled);
        sender.send(pdu, HEADER + filled);
        filled = 0;
    }
}
