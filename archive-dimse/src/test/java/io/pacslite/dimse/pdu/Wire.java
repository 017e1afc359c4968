package io.pacslite.dimse.pdu;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes expected wire bytes field by field, so tests can lay out PS3.8 tables literally. */
final class Wire {

    private Wire() {
    }

    /**
     * The concatenation of {@code fields}: an {@link Integer} is one byte, a {@link String} its
     * ASCII bytes, a {@code byte[]} itself, an {@code Object[]} a group of fields.
     */
    static byte[] bytes(Object... fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object field : fields) {
            switch (field) {
                case Integer b -> out.write(b);
                case String text -> out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
                case byte[] raw -> out.writeBytes(raw);
                case Object[] group -> out.writeBytes(bytes(group));
                default -> throw new IllegalArgumentException("not a field: " + field);
            }
        }
        return out.toByteArray();
    }

    /** {@code count} zero bytes, for reserved fields. */
    static byte[] zeros(int count) {
        return new byte[count];
    }

    /** {@code text} space-padded to 16 bytes, as an AE title field. */
    static String ae(String text) {
        return String.format("%-16s", text);
    }
}
