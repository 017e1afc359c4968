package io.pacslite.dimse.pdu;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable run of bytes with value equality, for the opaque fields of PDUs (fragments,
 * user identity fields, service class application information).
 */
public final class Bytes {

    private static final Bytes EMPTY = new Bytes(new byte[0]);
    private static final int SHOWN_IN_TO_STRING = 32;

    private final byte[] value;

    private Bytes(byte[] value) {
        this.value = value;
    }

    /** A copy of {@code value}; later changes to the array do not show. */
    public static Bytes of(byte[] value) {
        return value.length == 0 ? EMPTY : new Bytes(value.clone());
    }

    /** No bytes at all. */
    public static Bytes empty() {
        return EMPTY;
    }

    /** Takes ownership of {@code value} without copying; the caller must not change it. */
    static Bytes wrap(byte[] value) {
        return value.length == 0 ? EMPTY : new Bytes(value);
    }

    /** The number of bytes. */
    public int length() {
        return value.length;
    }

    /** A copy of the bytes. */
    public byte[] toByteArray() {
        return value.clone();
    }

    /** The bytes without copying, for the encoder only. */
    byte[] array() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Bytes that && Arrays.equals(value, that.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        int shown = Math.min(value.length, SHOWN_IN_TO_STRING);
        String hex = HexFormat.of().formatHex(value, 0, shown);
        return value.length + " bytes [" + hex + (shown < value.length ? "...]" : "]");
    }
}
