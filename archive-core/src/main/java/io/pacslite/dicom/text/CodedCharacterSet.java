package io.pacslite.dicom.text;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The coded character sets that Specific Character Set (0008,0005) can designate, each with the
 * escape sequence that designates it to the G0 or G1 code element (PS3.3 Tables C.12-3 and C.12-4,
 * PS3.5 6.1.2.5).
 *
 * <p>Each set is decoded and encoded through a JDK "carrier" charset that contains it: an
 * ISO 8859 part for the 96-character sets, and an EUC form for the 94x94 sets, whose bytes are
 * the ISO 2022 bytes with the high bit set (JIS X 0212 after the EUC-JP prefix 8FH, the JIS X
 * 0201 katakana after the prefix 8EH). Every carrier is ASCII below 80H. The East Asian
 * carriers live in the JDK module jdk.charsets, which a trimmed runtime image must include.
 */
enum CodedCharacterSet {

    /** ISO-IR 6, the default repertoire (PS3.5 6.1.2.1). */
    ASCII(escape("(B"), false, 1, StandardCharsets.US_ASCII, 0),
    /**
     * ISO-IR 14, JIS X 0201 romaji. Decoded as ASCII: its 5CH (yen sign) is the DICOM value
     * delimiter (PS3.5 6.4) and must stay a backslash for the caller's split.
     */
    JIS_X0201_ROMAJI(escape("(J"), false, 1, StandardCharsets.US_ASCII, 0),
    /** ISO-IR 13, JIS X 0201 katakana, in G1. */
    JIS_X0201_KATAKANA(escape(")I"), true, 1, Charset.forName("EUC-JP"), 0x8E),
    LATIN_1(escape("-A"), true, 1, StandardCharsets.ISO_8859_1, 0),
    LATIN_2(escape("-B"), true, 1, Charset.forName("ISO-8859-2"), 0),
    LATIN_3(escape("-C"), true, 1, Charset.forName("ISO-8859-3"), 0),
    LATIN_4(escape("-D"), true, 1, Charset.forName("ISO-8859-4"), 0),
    CYRILLIC(escape("-L"), true, 1, Charset.forName("ISO-8859-5"), 0),
    ARABIC(escape("-G"), true, 1, Charset.forName("ISO-8859-6"), 0),
    GREEK(escape("-F"), true, 1, Charset.forName("ISO-8859-7"), 0),
    HEBREW(escape("-H"), true, 1, Charset.forName("ISO-8859-8"), 0),
    LATIN_5(escape("-M"), true, 1, Charset.forName("ISO-8859-9"), 0),
    LATIN_9(escape("-b"), true, 1, Charset.forName("ISO-8859-15"), 0),
    /** ISO-IR 166, TIS 620-2533 Thai. */
    THAI(escape("-T"), true, 1, Charset.forName("TIS-620"), 0),
    /** ISO-IR 87, JIS X 0208 kanji, in G0. */
    JIS_X0208(escape("$B"), false, 2, Charset.forName("EUC-JP"), 0),
    /** ISO-IR 159, JIS X 0212 supplementary kanji, in G0. */
    JIS_X0212(escape("$(D"), false, 2, Charset.forName("EUC-JP"), 0x8F),
    /** ISO-IR 149, KS X 1001 Hangul and Hanja, in G1. */
    KS_X1001(escape("$)C"), true, 2, Charset.forName("EUC-KR"), 0),
    /** ISO-IR 58, GB 2312 simplified Chinese, in G1. */
    GB2312(escape("$)A"), true, 2, Charset.forName("GB2312"), 0);

    private static final byte ESC = 0x1B;
    private static final CodedCharacterSet[] VALUES = values();

    private final byte[] escapeSequence;
    private final boolean g1;
    private final int bytesPerCharacter;
    private final Charset carrier;
    private final int carrierPrefix;

    CodedCharacterSet(byte[] escapeSequence, boolean g1, int bytesPerCharacter, Charset carrier,
            int carrierPrefix) {
        this.escapeSequence = escapeSequence;
        this.g1 = g1;
        this.bytesPerCharacter = bytesPerCharacter;
        this.carrier = carrier;
        this.carrierPrefix = carrierPrefix;
    }

    private static byte[] escape(String rest) {
        byte[] sequence = new byte[rest.length() + 1];
        sequence[0] = ESC;
        for (int i = 0; i < rest.length(); i++) {
            sequence[i + 1] = (byte) rest.charAt(i);
        }
        return sequence;
    }

    /** The set whose escape sequence starts at {@code offset}, or null if none is known there. */
    static CodedCharacterSet designatedAt(byte[] bytes, int offset, int end) {
        for (CodedCharacterSet set : VALUES) {
            if (set.escapeSequenceAt(bytes, offset, end)) {
                return set;
            }
        }
        return null;
    }

    private boolean escapeSequenceAt(byte[] bytes, int offset, int end) {
        if (end - offset < escapeSequence.length) {
            return false;
        }
        for (int i = 0; i < escapeSequence.length; i++) {
            if (bytes[offset + i] != escapeSequence[i]) {
                return false;
            }
        }
        return true;
    }

    void writeEscapeSequence(ByteArrayOutputStream out) {
        out.writeBytes(escapeSequence);
    }

    int escapeSequenceLength() {
        return escapeSequence.length;
    }

    /** Whether the set is designated to G1 (invoked in GR, bytes at or above A0H). */
    boolean isG1() {
        return g1;
    }

    int bytesPerCharacter() {
        return bytesPerCharacter;
    }

    Charset carrier() {
        return carrier;
    }

    /**
     * Whether {@code first} (and, for two-byte sets, {@code second}) form one character of this
     * set: GL bytes 21H-7EH for G0 sets, GR bytes A1H-FEH for the G1 two-byte sets.
     */
    boolean isCharacter(int first, int second) {
        if (bytesPerCharacter == 1) {
            return true;
        }
        int low = g1 ? 0xA1 : 0x21;
        int high = g1 ? 0xFE : 0x7E;
        return first >= low && first <= high && second >= low && second <= high;
    }

    /** Writes one character's bytes in the carrier's encoding; returns the new position. */
    int toCarrier(byte[] value, int offset, byte[] out, int position) {
        int at = position;
        if (carrierPrefix != 0) {
            out[at++] = (byte) carrierPrefix;
        }
        for (int i = 0; i < bytesPerCharacter; i++) {
            out[at++] = (byte) (value[offset + i] | 0x80);
        }
        return at;
    }

    /**
     * The bytes of one code point in this set as they appear in a DICOM value (GL for G0 sets,
     * GR for G1 sets, without escape sequence), or null if the set does not contain it.
     */
    byte[] encode(int codePoint) {
        if (this == ASCII || this == JIS_X0201_ROMAJI) {
            return codePoint < 0x80 ? new byte[] {(byte) codePoint} : null;
        }
        if (codePoint < 0xA0) {
            return null;
        }
        // Unmappable code points come back as '?', which the length and range checks reject.
        byte[] inCarrier = Character.toString(codePoint).getBytes(carrier);
        int expected = bytesPerCharacter + (carrierPrefix != 0 ? 1 : 0);
        if (inCarrier.length != expected || (carrierPrefix != 0 && (inCarrier[0] & 0xFF) != carrierPrefix)) {
            return null;
        }
        byte[] encoded = new byte[bytesPerCharacter];
        for (int i = 0; i < bytesPerCharacter; i++) {
            int b = inCarrier[inCarrier.length - bytesPerCharacter + i] & 0xFF;
            encoded[i] = (byte) (g1 ? b : b & 0x7F);
        }
        return isCharacter(encoded[0] & 0xFF, encoded[bytesPerCharacter - 1] & 0xFF)
                && (!g1 || (encoded[0] & 0xFF) >= 0xA0) ? encoded : null;
    }
}
