package io.pacslite.dimse.net;

import io.pacslite.dimse.pdu.Bytes;
import io.pacslite.dimse.pdu.PresentationDataValue;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * The data set of one DIMSE message as a stream, PS3.8 Annex E.2: the fragments with the
 * command bit clear, pulled from the association one at a time as the reader asks, up to and
 * including the one with the last-fragment bit. Only one fragment is held at a time, so a
 * data set of any size streams through.
 *
 * <p>Once the association ends or the peer breaks the fragment order, every read throws the
 * same {@link IOException}: a store reading this stream then fails and leaves nothing behind.
 */
final class DataSetStream extends InputStream {

    /** Where the fragments come from: the association, reading further PDUs on demand. */
    @FunctionalInterface
    interface Fragments {
        /**
         * The next presentation data value the peer sent.
         *
         * @throws IOException if the association ended before there was one
         */
        PresentationDataValue next() throws IOException;
    }

    private final int contextId;
    private final Fragments fragments;
    private Bytes fragment = Bytes.empty();
    private int position;
    private boolean lastSeen;
    private IOException failure;

    DataSetStream(int contextId, Fragments fragments) {
        this.contextId = contextId;
        this.fragments = fragments;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, target.length);
        if (length == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int count = Math.min(length, fragment.length() - position);
        fragment.copyTo(position, target, offset, count);
        position += count;
        return count;
    }

    @Override
    public int available() {
        return fragment.length() - position;
    }

    /**
     * Reads and discards whatever the reader left, up to the last fragment, so that the next
     * PDV on the association belongs to the next message.
     *
     * @throws IOException if the association ended first or the fragments broke the order
     */
    void skipToEnd() throws IOException {
        while (fill()) {
            position = fragment.length();
        }
    }

    /** Makes bytes available; false at the end of the data set. */
    private boolean fill() throws IOException {
        if (failure != null) {
            throw failure;
        }
        while (position == fragment.length()) {
            if (lastSeen) {
                return false;
            }
            PresentationDataValue value;
            try {
                value = fragments.next();
            } catch (IOException e) {
                failure = e;
                throw e;
            }
            if (value.command() || value.presentationContextId() != contextId) {
                failure = new OutOfOrderFragment("expected a data set fragment on presentation context " + contextId
                        + ", got a " + (value.command() ? "command" : "data set") + " fragment on context "
                        + value.presentationContextId());
                throw failure;
            }
            fragment = value.fragment();
            position = 0;
            lastSeen = value.lastFragment();
        }
        return true;
    }

    /** The peer sent something other than the next fragment of this data set (PS3.8 Annex E.2). */
    static final class OutOfOrderFragment extends IOException {
        OutOfOrderFragment(String message) {
            super(message);
        }
    }
}
