package io.pacslite.archive.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.dicom.data.VR;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each kind of matching tested in memory, as the item keys of sequence matching are: a key
 * value read by {@link Match#of}, stored values, and whether they match, by the rules the
 * SQL statement follows (docs/query.md).
 */
class ValueMatchingTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(VR.SH, "", List.of(), true),
                Arguments.of(VR.SH, "\"\"", List.of(), true),
                Arguments.of(VR.SH, "\"\"", List.of(" "), true),
                Arguments.of(VR.SH, "\"\"", List.of("X"), false),
                Arguments.of(VR.SH, "CT-CHEST", List.of("CT-CHEST "), true),
                Arguments.of(VR.SH, "CT-CHEST", List.of("ct-chest"), false),
                Arguments.of(VR.SH, "CT-CHEST", List.of(), false),
                Arguments.of(VR.CS, "B", List.of("A", "B"), true),
                Arguments.of(VR.CS, "CT\\MR", List.of("MR"), true),
                Arguments.of(VR.CS, "CT\\MR", List.of("PT"), false),
                Arguments.of(VR.UI, "1.2,1.3", List.of("1.3"), true),
                Arguments.of(VR.UI, "1.2*", List.of("1.2.3"), false),
                Arguments.of(VR.SH, "CT-*", List.of("CT-ABD"), true),
                Arguments.of(VR.SH, "CT-?", List.of("CT-AB"), false),
                Arguments.of(VR.SH, "A.C*", List.of("ABC"), false),
                Arguments.of(VR.SH, "ct-*", List.of("CT-ABD"), false),
                Arguments.of(VR.IS, "+7", List.of("7"), true),
                Arguments.of(VR.IS, "1,3", List.of("2"), false),
                Arguments.of(VR.DA, "20200101-20201231", List.of("20200615"), true),
                Arguments.of(VR.DA, "-20191231", List.of("20200615"), false),
                Arguments.of(VR.DA, "20200615", List.of("20200615"), true),
                Arguments.of(VR.TM, "1015", List.of("101530.25"), true),
                Arguments.of(VR.TM, "1015", List.of("101600"), false),
                Arguments.of(VR.PN, "muller^jurgen", List.of("Müller^Jürgen"), true),
                Arguments.of(VR.PN, "Doe^Jane", List.of("Doe^Jane^Anne"), false),
                Arguments.of(VR.PN, "doe*", List.of("Doe^Jane^Anne"), true),
                Arguments.of(VR.PN, "山田^太郎", List.of("Yamada^Tarou=山田^太郎=やまだ^たろう"), true),
                Arguments.of(VR.PN, "=山田*", List.of("Yamada^Tarou=山田^太郎"), true),
                Arguments.of(VR.PN, "=やまだ*", List.of("Yamada^Tarou=山田^太郎=やまだ^たろう"), false),
                Arguments.of(VR.PN, "Yamada", List.of("X=Yamada"), false));
    }

    @ParameterizedTest(name = "{0} \"{1}\" against {2}: {3}")
    @MethodSource("cases")
    void matchesStoredValuesAsTheDatabaseDoes(VR vr, String key, List<String> stored, boolean matches) {
        assertThat(ValueMatching.matches(Match.of(vr, key, false), vr, stored)).isEqualTo(matches);
    }

    @ParameterizedTest(name = "fuzzy \"{0}\" against {1}: {2}")
    @MethodSource("fuzzy")
    void matchesFuzzyPersonNamesByTheStartOfWords(String key, String stored, boolean matches) {
        assertThat(ValueMatching.matches(Match.of(VR.PN, key, true), VR.PN, List.of(stored))).isEqualTo(matches);
    }

    static Stream<Arguments> fuzzy() {
        return Stream.of(
                Arguments.of("jero", "Buc^Jérôme", true),
                Arguments.of("marq gab", "García Márquez^Gabriel", true),
                Arguments.of("arquez", "García Márquez^Gabriel", false));
    }
}
