package io.pacslite.dicom.text;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Decodes one value with ISO 2022 code extensions (PS3.5 6.1.2.5): escape sequences designate
 * sets to G0 and G1, bytes below 80H are read in G0 and the others in G1, and both return to
 * value 1's sets at each delimiter met while G0 holds a single-byte set (a delimiter byte inside
 * a two-byte character is just half of that character).
 *
 * <p>Characters are collected, in runs, in the encoding of their set's carrier charset, and each
 * run is decoded by the JDK at once. Not thread-safe: one instance per value.
 */
final class Iso2022Decoder {

    private static final int ESC = 0x1B;
    private static final char REPLACEMENT = '\uFFFD';

    private final CodedCharacterSet initialG0;
    private final CodedCharacterSet initialG1;
    private final boolean personName;
    private CodedCharacterSet g0;
    private CodedCharacterSet g1;
    private StringBuilder text;
    private byte[] run;
    private int runLength;
    private Charset runCarrier = StandardCharsets.US_ASCII;

    Iso2022Decoder(CodedCharacterSet initialG0, CodedCharacterSet initialG1, boolean personName) {
        this.initialG0 = initialG0;
        this.initialG1 = initialG1;
        this.personName = personName;
        this.g0 = initialG0;
        this.g1 = initialG1;
    }

    String decode(byte[] value, int offset, int length) {
        text = new StringBuilder(length);
        // A character grows by at most one byte (a carrier prefix) and is at least one byte long.
        run = new byte[2 * length];
        int end = offset + length;
        int at = offset;
        while (at < end) {
            at = decodeAt(value, at, end);
        }
        flush();
        return text.toString();
    }

    private int decodeAt(byte[] value, int at, int end) {
        int b = value[at] & 0xFF;
        if (b == ESC) {
            CodedCharacterSet designated = CodedCharacterSet.designatedAt(value, at, end);
            if (designated != null) {
                if (designated.isG1()) {
                    g1 = designated;
                } else {
                    g0 = designated;
                }
                return at + designated.escapeSequenceLength();
            }
        }
        if (b < 0x80 && (g0.bytesPerCharacter() == 1 || b <= 0x20 || b == 0x7F)) {
            // ASCII, control characters and SPACE are the same bytes in every carrier.
            run[runLength++] = (byte) b;
            if (Delimiters.resetsDesignations(b, personName)) {
                g0 = initialG0;
                g1 = initialG1;
            }
            return at + 1;
        }
        // With nothing designated to G1, read GR as ISO 8859-1, as pydicom does.
        CodedCharacterSet set = b < 0x80 ? g0 : g1 != null ? g1 : CodedCharacterSet.LATIN_1;
        int size = set.bytesPerCharacter();
        int second = at + 1 < end ? value[at + 1] & 0xFF : -1;
        if (size == 2 && !set.isCharacter(b, second)) {
            flush();
            text.append(REPLACEMENT);
            return at + 1;
        }
        if (set.carrier() != runCarrier) {
            flush();
            runCarrier = set.carrier();
        }
        runLength = set.toCarrier(value, at, run, runLength);
        return at + size;
    }

    private void flush() {
        if (runLength > 0) {
            text.append(new String(run, 0, runLength, runCarrier));
            runLength = 0;
        }
    }
}
