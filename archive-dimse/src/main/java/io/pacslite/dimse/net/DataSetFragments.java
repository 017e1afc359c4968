package io.pacslite.dimse.net;

import io.pacslite.dimse.pdu.PduCodec;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The sending side of a data set, PS3.8 Annex E.2: bytes written here leave as data set
 * fragments (message control header bit 0 clear), one P-DATA-TF per fragment, each as long
 * as the peer's maximum length allows (PS3.8 Annex D.1) and of even length (Annex E.1) but
 * for the last, which is even when the data set is. A full fragment is held back until
 * more bytes come, so that the end of the data set can mark the last one.
 *
 * <p>The P-DATA-TFs are encoded one after the other into a batch buffer of about
 * {@link #BATCH_LENGTH} bytes and handed to the {@link Sender} a batch at a time: with a
 * peer's maximum length of 16 KiB (dcmtk's default) that is one socket write for 16 PDUs
 * instead of one each. The command that announces the data set (PS3.7 section 6.3.1) goes at
 * the start of the first batch, so that a small data set leaves with its command in one
 * write. The batch is a direct buffer: bytes of a file are read straight into the batch's
 * fragments ({@link #transferFrom}) and the batch is written to the connection from there,
 * without a copy through the Java heap. Only the batch is in memory, and an association keeps
 * one instance for all the data sets it sends, one at a time ({@link #send}); {@link #flush()}
 * sends nothing, as batch and fragment boundaries are this class's choice.
 */
final class DataSetFragments extends OutputStream {

    /** Where each batch of P-DATA-TFs goes: the association, raising Evt9 (P-DATA request) for each. */
    @FunctionalInterface
    interface Sender {
        /** Sends the bytes of {@code pdus} from its position to its limit: {@code count} encoded P-DATA-TFs. */
        void send(ByteBuffer pdus, int count) throws IOException;
    }

    /** The bytes gathered into one batch, unless one P-DATA-TF is longer. */
    static final int BATCH_LENGTH = 256 * 1024;

    private static final int HEADER = PduCodec.SINGLE_VALUE_P_DATA_TF_HEADER_LENGTH;

    private final int fragmentLength;
    private final ByteBuffer batch;
    private final Sender sender;
    private int contextId;
    /** Where the P-DATA-TF being filled starts in {@link #batch}. */
    private int pduStart;
    /** The bytes of its fragment so far. */
    private int filled;
    /** The complete P-DATA-TFs before it in the batch. */
    private int complete;
    private boolean sending;

    /** @param fragmentLength the length of every fragment but the last, even and positive */
    DataSetFragments(int fragmentLength, Sender sender) {
        if (fragmentLength < 2 || fragmentLength % 2 != 0) {
            throw new IllegalArgumentException("fragment length must be even and positive: " + fragmentLength);
        }
        this.fragmentLength = fragmentLength;
        this.sender = Objects.requireNonNull(sender, "sender");
        int pdu = HEADER + fragmentLength;
        this.batch = ByteBuffer.allocateDirect(Math.max(1, BATCH_LENGTH / pdu) * pdu);
    }

    /**
     * Sends {@code dataset} on {@code contextId}: what it writes here, then the last fragment
     * (possibly empty, for an empty data set).
     */
    void send(int contextId, StoreRequest.DataSet dataset) throws IOException {
        send(contextId, List.of(), dataset);
    }

    /**
     * Sends {@code command}, the encoded P-DATA-TFs of the command set that announces the data
     * set, then {@code dataset} on {@code contextId}; the command goes out with the data set's
     * first fragments when it leaves room for a whole one.
     */
    void send(int contextId, List<byte[]> command, StoreRequest.DataSet dataset) throws IOException {
        this.contextId = contextId;
        pduStart = 0;
        filled = 0;
        complete = 0;
        sending = true;
        try {
            for (byte[] pdu : command) {
                if (pduStart + pdu.length + HEADER + fragmentLength > batch.capacity()) {
                    sendBatch(pduStart, complete);
                    if (pdu.length + HEADER + fragmentLength > batch.capacity()) {
                        sender.send(ByteBuffer.wrap(pdu), 1);
                        continue;
                    }
                }
                batch.put(pduStart, pdu);
                pduStart += pdu.length;
                complete++;
            }
            dataset.writeTo(this);
            PduCodec.writeSingleValueHeader(batch, pduStart, contextId, false, true, filled);
            sendBatch(pduStart + HEADER + filled, complete + 1);
        } finally {
            sending = false;
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        checkSending();
        while (length > 0) {
            if (filled == fragmentLength) {
                nextFragment();
            }
            int count = Math.min(length, fragmentLength - filled);
            batch.put(pduStart + HEADER + filled, bytes, offset, count);
            filled += count;
            offset += count;
            length -= count;
        }
    }

    /**
     * Writes the next {@code count} bytes of {@code file}, from its position, read straight into
     * the fragments of the batch (one scattering read per batch).
     *
     * @throws EOFException if the file ends first
     */
    void transferFrom(FileChannel file, long count) throws IOException {
        checkSending();
        while (count > 0) {
            if (filled == fragmentLength) {
                nextFragment();
            }
            long read = file.read(freeSpace(count));
            if (read < 0) {
                throw new EOFException("the file ended " + count + " bytes before the data set's end");
            }
            count -= read;
            while (read > 0) {
                if (filled == fragmentLength) {
                    nextFragment();
                }
                int taken = (int) Math.min(read, fragmentLength - filled);
                filled += taken;
                read -= taken;
            }
        }
    }

    /**
     * The room for fragment bytes from the current one to the last P-DATA-TF that fits the
     * batch, at most {@code wanted} bytes; the headers between are left to {@link #nextFragment}.
     */
    private ByteBuffer[] freeSpace(long wanted) {
        List<ByteBuffer> space = new ArrayList<>();
        int start = pduStart;
        int used = filled;
        while (wanted > 0 && start + HEADER + fragmentLength <= batch.capacity()) {
            int length = (int) Math.min(wanted, fragmentLength - used);
            space.add(batch.slice(start + HEADER + used, length));
            wanted -= length;
            start += HEADER + fragmentLength;
            used = 0;
        }
        return space.toArray(ByteBuffer[]::new);
    }

    /** Closes the full fragment being filled (not the last) and starts the next, sending the batch when it is full. */
    private void nextFragment() throws IOException {
        PduCodec.writeSingleValueHeader(batch, pduStart, contextId, false, false, filled);
        complete++;
        pduStart += HEADER + filled;
        filled = 0;
        if (pduStart + HEADER + fragmentLength > batch.capacity()) {
            sendBatch(pduStart, complete);
        }
    }

    /** Sends the first {@code length} bytes of the batch, {@code count} P-DATA-TFs, and starts it again. */
    private void sendBatch(int length, int count) throws IOException {
        if (count > 0) {
            sender.send(batch.slice(0, length), count);
        }
        pduStart = 0;
        complete = 0;
    }

    private void checkSending() throws IOException {
        if (!sending) {
            throw new IOException("no data set is being sent");
        }
    }
}
