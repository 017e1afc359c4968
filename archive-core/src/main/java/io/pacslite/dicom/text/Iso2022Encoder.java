package io.pacslite.dicom.text;

import java.io.ByteArrayOutputStream;

/**
 * Encodes one value with ISO 2022 code extensions (PS3.5 6.1.2.5.3): each character goes in the
 * first set that holds it, preferring the sets in G0 and G1 now; an escape sequence designates a
 * set when it changes; value 1's sets are designated again before every delimiter and at the end
 * of the value. Not thread-safe: one instance per value.
 */
final class Iso2022Encoder {

    private final Iso2022Codec codec;
    private final boolean personName;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private CodedCharacterSet g0;
    private CodedCharacterSet g1;

    Iso2022Encoder(Iso2022Codec codec, boolean personName) {
        this.codec = codec;
        this.personName = personName;
        this.g0 = codec.initialG0();
        this.g1 = codec.initialG1();
    }

    /** The encoded bytes, or null if a character is in none of the sets. */
    byte[] encode(String text) {
        for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
            int codePoint = text.codePointAt(i);
            if (Delimiters.resetsDesignations(codePoint, personName)) {
                designateInitialSets();
                out.write(codePoint);
            } else if (!write(codePoint)) {
                return null;
            }
        }
        designateInitialSets();
        return out.toByteArray();
    }

    private boolean write(int codePoint) {
        CodedCharacterSet set = g0;
        byte[] encoded = g0.encode(codePoint);
        if (encoded == null && g1 != null) {
            set = g1;
            encoded = g1.encode(codePoint);
        }
        for (int i = 0; encoded == null && i < codec.sets().size(); i++) {
            set = codec.sets().get(i);
            encoded = set.encode(codePoint);
        }
        if (encoded == null) {
            return false;
        }
        designate(set);
        out.writeBytes(encoded);
        return true;
    }

    private void designate(CodedCharacterSet set) {
        if (set.isG1() && set != g1) {
            set.writeEscapeSequence(out);
            g1 = set;
        } else if (!set.isG1() && set != g0) {
            set.writeEscapeSequence(out);
            g0 = set;
        }
    }

    private void designateInitialSets() {
        if (g0 != codec.initialG0()) {
            codec.initialG0().writeEscapeSequence(out);
        }
        if (codec.initialG1() != null && g1 != codec.initialG1()) {
            codec.initialG1().writeEscapeSequence(out);
        }
        g0 = codec.initialG0();
        g1 = codec.initialG1();
    }
}
