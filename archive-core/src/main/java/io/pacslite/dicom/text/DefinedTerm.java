package io.pacslite.dicom.text;

import static io.pacslite.dicom.text.CodedCharacterSet.*;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Defined Terms of Specific Character Set (0008,0005): PS3.3 Table C.12-2 (single-byte
 * without code extensions), C.12-3 and C.12-4 (with code extensions, prefix "ISO 2022") and
 * C.12-5 (multi-byte without code extensions).
 */
enum DefinedTerm {

    /**
     * The default repertoire (PS3.5 6.1.2.1). Bytes from 80H, which it does not define, decode as
     * ISO 8859-1 as pydicom does, so that mislabelled Latin-1 text stays readable.
     */
    ISO_IR_6("ISO_IR 6", StandardCharsets.ISO_8859_1, ASCII),
    ISO_IR_100("ISO_IR 100", StandardCharsets.ISO_8859_1, LATIN_1),
    ISO_IR_101("ISO_IR 101", "ISO-8859-2", LATIN_2),
    ISO_IR_109("ISO_IR 109", "ISO-8859-3", LATIN_3),
    ISO_IR_110("ISO_IR 110", "ISO-8859-4", LATIN_4),
    ISO_IR_144("ISO_IR 144", "ISO-8859-5", CYRILLIC),
    ISO_IR_127("ISO_IR 127", "ISO-8859-6", ARABIC),
    ISO_IR_126("ISO_IR 126", "ISO-8859-7", GREEK),
    ISO_IR_138("ISO_IR 138", "ISO-8859-8", HEBREW),
    ISO_IR_148("ISO_IR 148", "ISO-8859-9", LATIN_5),
    ISO_IR_203("ISO_IR 203", "ISO-8859-15", LATIN_9),
    ISO_IR_166("ISO_IR 166", "TIS-620", THAI),
    /**
     * JIS X 0201. Decoded as Shift_JIS, its superset, as pydicom does: files labelled ISO_IR 13
     * that carry Shift_JIS kanji stay readable. Encoding keeps to JIS X 0201.
     */
    ISO_IR_13("ISO_IR 13", "Shift_JIS", JIS_X0201_ROMAJI, JIS_X0201_KATAKANA),

    ISO_2022_IR_6("ISO 2022 IR 6", ASCII),
    ISO_2022_IR_100("ISO 2022 IR 100", LATIN_1),
    ISO_2022_IR_101("ISO 2022 IR 101", LATIN_2),
    ISO_2022_IR_109("ISO 2022 IR 109", LATIN_3),
    ISO_2022_IR_110("ISO 2022 IR 110", LATIN_4),
    ISO_2022_IR_144("ISO 2022 IR 144", CYRILLIC),
    ISO_2022_IR_127("ISO 2022 IR 127", ARABIC),
    ISO_2022_IR_126("ISO 2022 IR 126", GREEK),
    ISO_2022_IR_138("ISO 2022 IR 138", HEBREW),
    ISO_2022_IR_148("ISO 2022 IR 148", LATIN_5),
    ISO_2022_IR_203("ISO 2022 IR 203", LATIN_9),
    ISO_2022_IR_166("ISO 2022 IR 166", THAI),
    ISO_2022_IR_13("ISO 2022 IR 13", JIS_X0201_ROMAJI, JIS_X0201_KATAKANA),
    ISO_2022_IR_87("ISO 2022 IR 87", JIS_X0208),
    ISO_2022_IR_159("ISO 2022 IR 159", JIS_X0212),
    ISO_2022_IR_149("ISO 2022 IR 149", KS_X1001),
    ISO_2022_IR_58("ISO 2022 IR 58", GB2312),

    /** Unicode in UTF-8; no code extensions (PS3.3 Table C.12-5, PS3.5 6.1.2.5.4 d). */
    ISO_IR_192("ISO_IR 192", StandardCharsets.UTF_8),
    GB18030("GB18030", "GB18030"),
    GBK("GBK", "GBK");

    /** pydicom's corrections of common misspellings, "ISO-IR 100" and "ISO_2022-IR 87" alike. */
    private static final Pattern MISSPELT_SINGLE = Pattern.compile("^ISO[^_]IR");
    private static final Pattern MISSPELT_EXTENSION = Pattern.compile("^(?=ISO.2022.IR.)(?!ISO 2022 IR )");
    private static final Map<String, DefinedTerm> BY_TERM = byTerm();

    private final String term;
    private final Charset charset;
    private final List<CodedCharacterSet> sets;

    DefinedTerm(String term, Charset charset, CodedCharacterSet... sets) {
        this.term = term;
        this.charset = charset;
        this.sets = List.of(sets);
    }

    DefinedTerm(String term, String charset, CodedCharacterSet... sets) {
        this(term, Charset.forName(charset), sets);
    }

    DefinedTerm(String term, CodedCharacterSet... sets) {
        this(term, (Charset) null, sets);
    }

    private static Map<String, DefinedTerm> byTerm() {
        Map<String, DefinedTerm> map = new HashMap<>();
        for (DefinedTerm definedTerm : values()) {
            map.put(definedTerm.term, definedTerm);
        }
        // Spellings from CP-1234 drafts that pydicom accepts.
        map.put("ISO 2022 GBK", GBK);
        map.put("ISO 2022 58", ISO_2022_IR_58);
        return Map.copyOf(map);
    }

    /** The Defined Term spelt {@code value}, allowing pydicom's corrections of misspellings. */
    static Optional<DefinedTerm> lookup(String value) {
        DefinedTerm exact = BY_TERM.get(value);
        if (exact != null) {
            return Optional.of(exact);
        }
        if (MISSPELT_SINGLE.matcher(value).find()) {
            return Optional.ofNullable(BY_TERM.get("ISO_IR" + value.substring(6)));
        }
        if (MISSPELT_EXTENSION.matcher(value).find()) {
            return Optional.ofNullable(BY_TERM.get("ISO 2022 IR " + value.substring(12)));
        }
        return Optional.empty();
    }

    String term() {
        return term;
    }

    /** Whether code extensions may not be used with this term (PS3.5 6.1.2.5.4 d). */
    boolean isStandalone() {
        return sets.isEmpty();
    }

    /**
     * The JDK charset that decodes a value when this is the only term and has no "ISO 2022"
     * prefix, so that no escape sequences apply; null for terms with code extensions.
     */
    Charset charset() {
        return charset;
    }

    /** The coded character sets this term makes available, G0 before G1. */
    List<CodedCharacterSet> sets() {
        return sets;
    }

    /** The set this term puts in G0 when value 1 (PS3.5 6.1.2.5.1): a multi-byte G0 set must be invoked by escape. */
    CodedCharacterSet initialG0() {
        return sets.stream().filter(set -> !set.isG1() && set.bytesPerCharacter() == 1).findFirst().orElse(ASCII);
    }

    /** The set this term puts in G1 when value 1, or null for none. */
    CodedCharacterSet initialG1() {
        return sets.stream().filter(CodedCharacterSet::isG1).findFirst().orElse(null);
    }
}
