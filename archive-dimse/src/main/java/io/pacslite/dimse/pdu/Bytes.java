package io.pacslite.dimse.pdu;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An immutable run of bytes with value equality, for the opaque fields of PDUs (fragments,
 * user identity fields, service class application information).
 */
public final class Bytes {

    private static final Bytes EMPTY = new Bytes(new byte[0], 0, 0);
    private static final int SHOWN_IN_TO_STRING = 32;

    private final byte[] value;
    private final int offset;
    private final int length;

    private Bytes(byte[] value, int offset, int length) {
        this.value = value;
        this.offset = offset;
        this.length = length;
    }

    /** A copy of {@code value}; later changes to the array do not show. */
    public static Bytes of(byte[] value) {
        return value.length == 0 ? EMPTY : new Bytes(value.clone(), 0, value.length);
    }

    /** No bytes at all. */
    public static Bytes empty() {
        return EMPTY;
    }

    /** Takes ownership of {@code value} without copying; the caller must not change it. */
    static Bytes wrap(byte[] value) {
        return wrap(value, 0, value.length);
    }

    /**
     * A view of {@code length} bytes of {@code value} from {@code offset}, without copying: the
     * decoder's way to hand out fragments of a PDU it read. The caller must not change them.
     */
    static Bytes wrap(byte[] value, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, value.length);
        return length == 0 ? EMPTY : new Bytes(value, offset, length);
    }

    /** The number of bytes. */
    public int length() {
        return length;
    }

    /** A copy of the bytes. */
    public byte[] toByteArray() {
        return Arrays.copyOfRange(value, offset, offset + length);
    }

    /**
     * Copies {@code count} bytes from position {@code from} into {@code target} at
     * {@code targetOffset}: how a reader takes a fragment's bytes without an intermediate copy.
     */
    public void copyTo(int from, byte[] target, int targetOffset, int count) {
        Objects.checkFromIndexSize(from, count, length);
        System.arraycopy(value, offset + from, target, targetOffset, count);
    }

    /** The bytes, for the encoder only: without copying unless this is a view of part of an array. */
    byte[] array() {
        return offset == 0 && length == value.length ? value : toByteArray();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Bytes that
                && Arrays.equals(value, offset, offset + length, that.value, that.offset, that.offset + that.length);
    }

    @Override
    public int hashCode() {
        int hash = 1;
        for (int i = offset; i < offset + length; i++) {
            hash = 31 * hash + value[i];
        }
        return hash;
    }

    @Override
    public String toString() {
        int shown = Math.min(length, SHOWN_IN_TO_STRING);
        String hex = HexFormat.of().formatHex(value, offset, offset + shown);
        return length + " bytes [" + hex + (shown < length ? "...]" : "]");
    }
}
