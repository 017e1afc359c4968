package io.pacslite.dicom.text;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The character sets named by Specific Character Set (0008,0005), which decode and encode the
 * values of SH, LO, ST, LT, UC, UT and PN (PS3.3 C.12.1.1.2, PS3.5 6.1).
 *
 * <p>Supports the Defined Terms of PS3.3 Tables C.12-2 to C.12-5, with ISO 2022 code extensions
 * (PS3.5 6.1.2.5) for the Japanese, Korean and Chinese multi-byte sets. Faulty terms never make it
 * fail: misspellings are corrected and unknown terms fall back to the default repertoire, as
 * pydicom does, with a warning in the log.
 *
 * <p>Immutable and thread-safe; {@link #of} shares one instance per list of terms.
 */
public final class SpecificCharacterSet {

    private static final int CACHE_LIMIT = 256;
    private static final ConcurrentMap<List<String>, SpecificCharacterSet> CACHE = new ConcurrentHashMap<>();

    /**
     * The default repertoire, ISO-IR 6 (PS3.5 6.1.2.1), for a dataset without (0008,0005) or with
     * an empty one. Bytes from 80H, which it does not define, decode as ISO 8859-1 as in pydicom.
     */
    public static final SpecificCharacterSet DEFAULT = new SpecificCharacterSet(List.of());

    /** ISO_IR 192, Unicode in UTF-8: what a writer falls back to when text fits no other set. */
    public static final SpecificCharacterSet UTF_8 = of("ISO_IR 192");

    private final List<String> definedTerms;
    private final TextCodec codec;

    private SpecificCharacterSet(List<String> definedTerms) {
        this.definedTerms = definedTerms;
        this.codec = Codecs.forTerms(definedTerms);
    }

    /**
     * The character sets named by the values of Specific Character Set (0008,0005), already split
     * at "\" and trimmed, for example {@code of("", "ISO 2022 IR 87")}. No values, or one empty
     * value, give {@link #DEFAULT}.
     */
    public static SpecificCharacterSet of(String... definedTerms) {
        List<String> terms = List.of(definedTerms);
        if (terms.isEmpty() || terms.size() == 1 && terms.get(0).isEmpty()) {
            return DEFAULT;
        }
        SpecificCharacterSet cached = CACHE.get(terms);
        if (cached != null) {
            return cached;
        }
        SpecificCharacterSet created = new SpecificCharacterSet(terms);
        // Bounded, since the terms come from received data.
        if (CACHE.size() >= CACHE_LIMIT) {
            return created;
        }
        SpecificCharacterSet raced = CACHE.putIfAbsent(terms, created);
        return raced != null ? raced : created;
    }

    /**
     * Decodes one whole element value, all its values at once; the caller splits the text at
     * "\" afterwards. Escape sequences (PS3.5 6.1.2.5) switch character sets, which return to
     * value 1's at CR, LF, FF, TAB and "\", and in person names also at "^" and "=". Never fails:
     * bytes that decode to no character become U+FFFD.
     *
     * @param personName whether the value has VR PN
     */
    public String decode(byte[] value, int offset, int length, boolean personName) {
        Objects.checkFromIndexSize(offset, length, value.length);
        if (isAscii(value, offset, length)) {
            return new String(value, offset, length, StandardCharsets.ISO_8859_1);
        }
        return codec.decode(value, offset, length, personName);
    }

    /**
     * Encodes a whole element value (values joined by "\"), with the escape sequences that code
     * extensions need (PS3.5 6.1.2.5.3).
     *
     * @throws IllegalArgumentException if a character is in none of the sets; check with
     *     {@link #canEncode} first and use {@link #UTF_8} instead
     */
    public byte[] encode(String text, boolean personName) {
        byte[] encoded = encodeOrNull(text, personName);
        if (encoded == null) {
            throw new IllegalArgumentException("text has characters outside " + this);
        }
        return encoded;
    }

    /** Whether every character of {@code text} is in these character sets. */
    public boolean canEncode(String text) {
        return encodeOrNull(text, false) != null;
    }

    private byte[] encodeOrNull(String text, boolean personName) {
        if (text.chars().allMatch(ch -> ch < 0x80 && ch != 0x1B)) {
            return text.getBytes(StandardCharsets.US_ASCII);
        }
        return codec.encodeOrNull(text, personName);
    }

    private static boolean isAscii(byte[] value, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (value[i] < 0 || value[i] == 0x1B) {
                return false;
            }
        }
        return true;
    }

    /** The values of Specific Character Set as given to {@link #of}; empty for {@link #DEFAULT}. */
    public List<String> definedTerms() {
        return definedTerms;
    }

    /** Whether this is the default repertoire: no values, or one empty value. */
    public boolean isDefault() {
        return definedTerms.isEmpty();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SpecificCharacterSet that && definedTerms.equals(that.definedTerms);
    }

    @Override
    public int hashCode() {
        return definedTerms.hashCode();
    }

    @Override
    public String toString() {
        return "SpecificCharacterSet" + definedTerms;
    }
}
