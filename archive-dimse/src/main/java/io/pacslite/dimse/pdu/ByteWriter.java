package io.pacslite.dimse.pdu;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Big-endian writes for the encoder, PS3.8 section 9.3.1. */
final class ByteWriter {

    private static final int MAX_ITEM_LENGTH = 0xFFFF;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    ByteWriter u8(int value) {
        out.write(value);
        return this;
    }

    ByteWriter u16(int value) {
        out.write(value >>> 8);
        out.write(value);
        return this;
    }

    ByteWriter u32(long value) {
        for (int shift = 24; shift >= 0; shift -= 8) {
            out.write((int) (value >>> shift));
        }
        return this;
    }

    ByteWriter zeros(int count) {
        for (int i = 0; i < count; i++) {
            out.write(0);
        }
        return this;
    }

    ByteWriter bytes(byte[] value) {
        out.writeBytes(value);
        return this;
    }

    ByteWriter text(String value) {
        return bytes(value.getBytes(StandardCharsets.US_ASCII));
    }

    /** {@code value} space-padded to {@code width} bytes, as AE titles are sent (PS3.8 section 9.3.2). */
    ByteWriter padded(String value, int width) {
        return text(value).spaces(width - value.length());
    }

    /** A 2-byte length then {@code value}, as the UID fields inside sub-items are sent. */
    ByteWriter lengthPrefixed(byte[] value) {
        requireFits(value.length, "field");
        return u16(value.length).bytes(value);
    }

    /** An item: type, the {@code second} byte (reserved or version), 2-byte length, body (PS3.8 Table 9-12 and alike). */
    ByteWriter item(int type, int second, ByteWriter body) {
        requireFits(body.size(), String.format("item %02XH", type));
        u8(type).u8(second).u16(body.size());
        out.writeBytes(body.out.toByteArray());
        return this;
    }

    ByteWriter item(int type, ByteWriter body) {
        return item(type, 0, body);
    }

    int size() {
        return out.size();
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    private ByteWriter spaces(int count) {
        for (int i = 0; i < count; i++) {
            out.write(' ');
        }
        return this;
    }

    private static void requireFits(int length, String what) {
        if (length > MAX_ITEM_LENGTH) {
            throw new IllegalArgumentException(what + " of " + length + " bytes exceeds its 2-byte length field");
        }
    }
}
