package io.pacslite.dicom.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SpecificCharacterSetTest {

    private static final String ESC = "\u001b";

    /** PS3.5 H.3.1: value 1 empty (ISO-IR 6), value 2 ISO 2022 IR 87. */
    private static final byte[] JAPANESE_H31 = bytes("Yamada^Tarou=" + ESC + "$B;3ED" + ESC + "(B^" + ESC + "$BB@O:"
            + ESC + "(B=" + ESC + "$B$d$^$@" + ESC + "(B^" + ESC + "$B$?$m$&" + ESC + "(B");
    /** PS3.5 H.3.2: value 1 ISO 2022 IR 13 (half-width katakana in G1, romaji in G0). */
    private static final byte[] JAPANESE_H32 = bytes("\u00d4\u00cf\u00c0\u00de^\u00c0\u00db\u00b3=" + ESC + "$B;3ED"
            + ESC + "(J^" + ESC + "$BB@O:" + ESC + "(J=" + ESC + "$B$d$^$@" + ESC + "(J^" + ESC + "$B$?$m$&"
            + ESC + "(J");
    /** PS3.5 I.2: KS X 1001 designated to G1 after every delimiter. */
    private static final byte[] KOREAN_I2 = bytes("Hong^Gildong=" + ESC + "$)C\u00fb\u00f3^" + ESC
            + "$)C\u00d1\u00ce\u00d4\u00d7=" + ESC + "$)C\u00c8\u00ab^" + ESC + "$)C\u00b1\u00e6\u00b5\u00bf");
    /** PS3.5 J.3: GB 2312 designated to G1. */
    private static final byte[] CHINESE_GB2312 = bytes("Zhang^XiaoDong=" + ESC + "$)A\u00d5\u00c5^" + ESC
            + "$)A\u00d0\u00a1\u00b6\u00ab=");

    private static byte[] bytes(String latin1) {
        return latin1.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String decode(SpecificCharacterSet charset, byte[] value, boolean personName) {
        return charset.decode(value, 0, value.length, personName);
    }

    @Test
    void decodesJapaneseNameWithJisX0208EscapeSequences() {
        assertThat(decode(SpecificCharacterSet.of("", "ISO 2022 IR 87"), JAPANESE_H31, true))
                .isEqualTo("Yamada^Tarou=山田^太郎=やまだ^たろう");
    }

    @Test
    void decodesJapaneseNameWithHalfWidthKatakanaInG1() {
        assertThat(decode(SpecificCharacterSet.of("ISO 2022 IR 13", "ISO 2022 IR 87"), JAPANESE_H32, true))
                .isEqualTo("ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう");
    }

    @Test
    void decodesKoreanNameWithKsX1001InG1() {
        assertThat(decode(SpecificCharacterSet.of("", "ISO 2022 IR 149"), KOREAN_I2, true))
                .isEqualTo("Hong^Gildong=洪^吉洞=홍^길동");
    }

    @Test
    void decodesChineseNameWithGb2312InG1() {
        assertThat(decode(SpecificCharacterSet.of("", "ISO 2022 IR 58"), CHINESE_GB2312, true))
                .isEqualTo("Zhang^XiaoDong=张^小东=");
    }

    @Test
    void decodesChineseNameInGb18030AndUtf8() {
        byte[] gb18030 = bytes("Wang^XiaoDong=\u00cd\u00f5^\u00d0\u00a1\u00b6\u00ab=");
        assertThat(decode(SpecificCharacterSet.of("GB18030"), gb18030, true)).isEqualTo("Wang^XiaoDong=王^小东=");
        byte[] utf8 = "Wang^XiaoDong=王^小東=".getBytes(StandardCharsets.UTF_8);
        assertThat(decode(SpecificCharacterSet.UTF_8, utf8, true)).isEqualTo("Wang^XiaoDong=王^小東=");
    }

    @Test
    void delimiterBytesInsideTwoByteCharactersAreNotDelimiters() {
        SpecificCharacterSet japanese = SpecificCharacterSet.of("", "ISO 2022 IR 87");
        // 245E is ま, 305C is 移, 303D is 綾: their second bytes are "^", "\" and "=".
        byte[] value = bytes(ESC + "$B$^0\\0=" + ESC + "(B");
        assertThat(decode(japanese, value, true)).isEqualTo("ま移綾");
    }

    @Test
    void caretResetsDesignationsOnlyInPersonNames() {
        SpecificCharacterSet korean = SpecificCharacterSet.of("", "ISO 2022 IR 149");
        byte[] value = bytes(ESC + "$)C\u00fb\u00f3^\u00fb\u00f3");
        assertThat(decode(korean, value, false)).isEqualTo("洪^洪");
        // Back to value 1 after "^", where GR has nothing designated and reads as ISO 8859-1.
        assertThat(decode(korean, value, true)).isEqualTo("洪^ûó");
    }

    @Test
    void lineFeedResetsG1ToValueOne() {
        SpecificCharacterSet latinAndGreek = SpecificCharacterSet.of("ISO 2022 IR 100", "ISO 2022 IR 126");
        byte[] value = bytes(ESC + "-F\u00c4\u00e9\n\u00c4\u00e9");
        assertThat(decode(latinAndGreek, value, false)).isEqualTo("Δι\nÄé");
    }

    @Test
    void decodesSingleByteSetsWithoutCodeExtensions() {
        assertThat(decode(SpecificCharacterSet.of("ISO_IR 100"), bytes("Buc^J\u00e9r\u00f4me"), true))
                .isEqualTo("Buc^Jérôme");
        assertThat(decode(SpecificCharacterSet.of("ISO_IR 144"), bytes("\u00bb\u00ee\u00da"), true)).isEqualTo("Люк");
        assertThat(decode(SpecificCharacterSet.of("ISO_IR 203"), bytes("\u00a4"), false)).isEqualTo("€");
        assertThat(decode(SpecificCharacterSet.of("ISO_IR 166"), bytes("\u00a1"), false)).isEqualTo("ก");
        assertThat(decode(SpecificCharacterSet.of("ISO_IR 13"), bytes("\u00b1"), false)).isEqualTo("ｱ");
    }

    @Test
    void decodesShiftJisKanjiLabelledIsoIr13AsPydicomDoes() {
        assertThat(decode(SpecificCharacterSet.of("ISO_IR 13"), bytes("\u008e\u0052"), false)).isEqualTo("山");
    }

    @Test
    void decodesJisX0212Kanji() {
        SpecificCharacterSet japanese = SpecificCharacterSet.of("", "ISO 2022 IR 87", "ISO 2022 IR 159");
        assertThat(decode(japanese, bytes(ESC + "$(D0!" + ESC + "(B"), false)).isEqualTo("丂");
    }

    @Test
    void defaultRepertoireReadsHighBytesAsLatin1() {
        assertThat(decode(SpecificCharacterSet.DEFAULT, bytes("J\u00e9r\u00f4me"), true)).isEqualTo("Jérôme");
        assertThat(decode(SpecificCharacterSet.of(""), bytes("plain"), false)).isEqualTo("plain");
    }

    @Test
    void decodesTheGivenRangeOnly() {
        byte[] value = bytes("xxJ\u00e9rxx");
        assertThat(SpecificCharacterSet.of("ISO_IR 100").decode(value, 2, 3, false)).isEqualTo("Jér");
    }

    @Test
    void truncatedTwoByteCharacterBecomesReplacementCharacter() {
        SpecificCharacterSet japanese = SpecificCharacterSet.of("", "ISO 2022 IR 87");
        assertThat(decode(japanese, bytes(ESC + "$B;3E"), false)).isEqualTo("山\uFFFD");
    }

    @Test
    void unknownTermFallsBackToDefaultWithoutThrowing() {
        SpecificCharacterSet unknown = SpecificCharacterSet.of("ISO_IR 999");
        assertThat(decode(unknown, bytes("J\u00e9r\u00f4me"), true)).isEqualTo("Jérôme");
        assertThat(decode(SpecificCharacterSet.of("no such charset!"), bytes("ok\u00e9"), false)).isEqualTo("oké");
        assertThat(decode(SpecificCharacterSet.of("", "ISO 2022 IR 999"), JAPANESE_H31, true))
                .startsWith("Yamada^Tarou=山田");
    }

    @Test
    void correctsMisspeltTermsAsPydicomDoes() {
        assertThat(decode(SpecificCharacterSet.of("ISO-IR 144"), bytes("\u00bb\u00ee\u00da"), true)).isEqualTo("Люк");
        assertThat(decode(SpecificCharacterSet.of("", "ISO_2022_IR_87"), JAPANESE_H31, true))
                .isEqualTo("Yamada^Tarou=山田^太郎=やまだ^たろう");
    }

    @Test
    void ignoresCodeExtensionsAfterUtf8() {
        byte[] utf8 = "Jérôme".getBytes(StandardCharsets.UTF_8);
        assertThat(decode(SpecificCharacterSet.of("ISO_IR 192", "ISO 2022 IR 87"), utf8, true)).isEqualTo("Jérôme");
    }

    @Test
    void encodesJapaneseNamesAsInTheStandard() {
        assertThat(SpecificCharacterSet.of("", "ISO 2022 IR 87").encode("Yamada^Tarou=山田^太郎=やまだ^たろう", true))
                .isEqualTo(JAPANESE_H31);
        assertThat(SpecificCharacterSet.of("ISO 2022 IR 13", "ISO 2022 IR 87").encode("ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう", true))
                .isEqualTo(JAPANESE_H32);
    }

    @Test
    void encodesKoreanAndChineseNamesAsInTheStandard() {
        assertThat(SpecificCharacterSet.of("", "ISO 2022 IR 149").encode("Hong^Gildong=洪^吉洞=홍^길동", true))
                .isEqualTo(KOREAN_I2);
        assertThat(SpecificCharacterSet.of("", "ISO 2022 IR 58").encode("Zhang^XiaoDong=张^小东=", true))
                .isEqualTo(CHINESE_GB2312);
    }

    @Test
    void encodesWithTheSetThatHoldsEachCharacter() {
        SpecificCharacterSet japanese = SpecificCharacterSet.of("", "ISO 2022 IR 87", "ISO 2022 IR 159");
        byte[] encoded = japanese.encode("山丂 x", false);
        assertThat(encoded).isEqualTo(bytes(ESC + "$B;3" + ESC + "$(D0!" + ESC + "(B x"));
        assertThat(decode(japanese, encoded, false)).isEqualTo("山丂 x");
    }

    @Test
    void roundTripsTextThroughEverySingleByteSet() {
        String[][] samples = {
            {"ISO_IR 100", "Äneas^Rüdiger"}, {"ISO_IR 101", "Łódź"}, {"ISO_IR 109", "Ħal Għaxaq"},
            {"ISO_IR 110", "Šķēle"}, {"ISO_IR 144", "Люк"}, {"ISO_IR 127", "قباني"}, {"ISO_IR 126", "Διονυσιος"},
            {"ISO_IR 138", "שרון"}, {"ISO_IR 148", "Şişli"}, {"ISO_IR 203", "Œuvre €"}, {"ISO_IR 166", "สมชาย"},
            {"ISO_IR 13", "ﾔﾏﾀﾞ"}, {"GB18030", "王^小东"}, {"GBK", "王^小东"}, {"ISO_IR 192", "Grüße 😀"},
        };
        for (String[] sample : samples) {
            SpecificCharacterSet charset = SpecificCharacterSet.of(sample[0]);
            byte[] encoded = charset.encode(sample[1], true);
            assertThat(decode(charset, encoded, true)).as(sample[0]).isEqualTo(sample[1]);
        }
    }

    @Test
    void switchesBetweenSingleByteSetsWithEscapeSequences() {
        SpecificCharacterSet latinAndGreek = SpecificCharacterSet.of("ISO 2022 IR 100", "ISO 2022 IR 126");
        byte[] encoded = latinAndGreek.encode("Jérôme Διονυσιος\\Müller", false);
        assertThat(decode(latinAndGreek, encoded, false)).isEqualTo("Jérôme Διονυσιος\\Müller");
        // G1 goes back to Latin-1 before the value delimiter, as PS3.5 6.1.2.5.3 requires.
        assertThat(new String(encoded, StandardCharsets.ISO_8859_1)).contains(ESC + "-A\\");
    }

    @Test
    void refusesTextOutsideItsRepertoire() {
        SpecificCharacterSet latin1 = SpecificCharacterSet.of("ISO_IR 100");
        assertThat(latin1.canEncode("Jérôme")).isTrue();
        assertThat(latin1.canEncode("Διονυσιος")).isFalse();
        assertThatThrownBy(() -> latin1.encode("Διονυσιος", true)).isInstanceOf(IllegalArgumentException.class);
        assertThat(SpecificCharacterSet.DEFAULT.canEncode("Jérôme")).isFalse();
        assertThat(SpecificCharacterSet.DEFAULT.encode("Jerome", true)).isEqualTo(bytes("Jerome"));
        assertThat(SpecificCharacterSet.of("", "ISO 2022 IR 87").canEncode("홍")).isFalse();
        assertThat(SpecificCharacterSet.of("ISO_IR 13").canEncode("山")).isFalse();
        assertThat(SpecificCharacterSet.UTF_8.canEncode("Διονυσιος 山 홍")).isTrue();
    }

    @Test
    void sharesOneInstancePerListOfTerms() {
        SpecificCharacterSet japanese = SpecificCharacterSet.of("", "ISO 2022 IR 87");
        assertThat(SpecificCharacterSet.of("", "ISO 2022 IR 87")).isSameAs(japanese);
        assertThat(japanese.definedTerms()).containsExactly("", "ISO 2022 IR 87");
        assertThat(japanese).isNotEqualTo(SpecificCharacterSet.of("ISO 2022 IR 6", "ISO 2022 IR 87"));
        assertThat(japanese.isDefault()).isFalse();
        assertThat(SpecificCharacterSet.of()).isSameAs(SpecificCharacterSet.DEFAULT);
        assertThat(SpecificCharacterSet.of("")).isSameAs(SpecificCharacterSet.DEFAULT);
        assertThat(SpecificCharacterSet.DEFAULT.isDefault()).isTrue();
        assertThat(SpecificCharacterSet.UTF_8.definedTerms()).containsExactly("ISO_IR 192");
        assertThat(japanese).hasToString("SpecificCharacterSet[, ISO 2022 IR 87]");
    }
}
