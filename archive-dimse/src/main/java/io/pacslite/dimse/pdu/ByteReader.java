package io.pacslite.dimse.pdu;

import java.nio.charset.StandardCharsets;

/**
 * Big-endian reads from a window of a byte array (PS3.8 section 9.3.1: PDU fields are
 * big-endian), failing with {@link PduException.Reason#LENGTH_EXCEEDS_CONTAINER} rather than
 * reading past the window.
 */
final class ByteReader {

    private final byte[] data;
    private final int end;
    private final String container;
    private int position;

    ByteReader(byte[] data, String container) {
        this(data, 0, data.length, container);
    }

    private ByteReader(byte[] data, int start, int end, String container) {
        this.data = data;
        this.position = start;
        this.end = end;
        this.container = container;
    }

    boolean hasRemaining() {
        return position < end;
    }

    int remaining() {
        return end - position;
    }

    int u8() throws PduException {
        need(1, "a 1-byte field");
        return data[position++] & 0xFF;
    }

    int u16() throws PduException {
        need(2, "a 2-byte field");
        int value = (data[position] & 0xFF) << 8 | data[position + 1] & 0xFF;
        position += 2;
        return value;
    }

    long u32() throws PduException {
        need(4, "a 4-byte field");
        long value = 0;
        for (int i = 0; i < 4; i++) {
            value = value << 8 | data[position++] & 0xFF;
        }
        return value;
    }

    void skip(int length) throws PduException {
        need(length, length + " reserved bytes");
        position += length;
    }

    /** Skips {@code length} bytes and returns this reader, for fields that follow reserved ones. */
    ByteReader skipThen(int length) throws PduException {
        skip(length);
        return this;
    }

    byte[] bytes(int length) throws PduException {
        need(length, "a " + length + "-byte field");
        byte[] copy = new byte[length];
        System.arraycopy(data, position, copy, 0, length);
        position += length;
        return copy;
    }

    /** The rest of the window as a view of the data (no copy): the data must not change afterwards. */
    Bytes restAsView() {
        Bytes view = Bytes.wrap(data, position, remaining());
        position += view.length();
        return view;
    }

    /** The rest of the window as bytes. */
    byte[] rest() throws PduException {
        return bytes(remaining());
    }

    /** The rest of the window as a UID or name, without the trailing NUL or space padding some peers add. */
    String restAsText() throws PduException {
        return text(remaining());
    }

    /** {@code length} bytes as ISO 646 text, trailing NULs and spaces removed. */
    String text(int length) throws PduException {
        need(length, "a " + length + "-byte field");
        int last = position + length;
        while (last > position && (data[last - 1] == 0 || data[last - 1] == ' ')) {
            last--;
        }
        String text = new String(data, position, last - position, StandardCharsets.US_ASCII);
        position += length;
        return text;
    }

    /** A reader over the next {@code length} bytes, which this reader then skips. */
    ByteReader slice(int length, String what) throws PduException {
        need(length, what);
        ByteReader slice = new ByteReader(data, position, position + length, what);
        position += length;
        return slice;
    }

    private void need(int length, String what) throws PduException {
        if (length > end - position) {
            throw new PduException(PduException.Reason.LENGTH_EXCEEDS_CONTAINER,
                    what + " of " + length + " bytes runs past the " + container
                            + ", which has " + (end - position) + " bytes left");
        }
    }
}
