package io.pacslite.dicom.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacslite.dicom.data.PersonName.Component;
import io.pacslite.dicom.data.PersonName.Group;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Person names (PS3.5 6.2.1): groups, components, canonical form, matching form. */
final class PersonNameTest {

    @ParameterizedTest(name = "[{index}] {0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            # value                                          | group       | family  | given              | middle | prefix | suffix
            Adams^John Robert Quincy^^Rev.^B.A. M.Div.       | ALPHABETIC  | Adams   | John Robert Quincy | ""     | Rev.   | B.A. M.Div.
            Morrison-Jones^Susan^^^Ph.D., Chief Executive Officer | ALPHABETIC | Morrison-Jones | Susan | "" | ""  | Ph.D., Chief Executive Officer
            Yamada^Tarou=山田^太郎=やまだ^たろう               | ALPHABETIC  | Yamada  | Tarou              | ""     | ""     | ""
            Yamada^Tarou=山田^太郎=やまだ^たろう               | IDEOGRAPHIC | 山田    | 太郎               | ""     | ""     | ""
            Yamada^Tarou=山田^太郎=やまだ^たろう               | PHONETIC    | やまだ  | たろう             | ""     | ""     | ""
            Wang^XiaoDong=王^小東=                           | IDEOGRAPHIC | 王      | 小東               | ""     | ""     | ""
            Wang^XiaoDong=王^小東=                           | PHONETIC    | ""      | ""                 | ""     | ""     | ""
            =山田^太郎                                        | ALPHABETIC  | ""      | ""                 | ""     | ""     | ""
            =山田^太郎                                        | IDEOGRAPHIC | 山田    | 太郎               | ""     | ""     | ""
            "  Smith ^ John ^^^  "                           | ALPHABETIC  | Smith   | John               | ""     | ""     | ""
            a^b^c^d^e^f^g                                    | ALPHABETIC  | a       | b                  | c      | d      | e^f^g
            ""                                               | ALPHABETIC  | ""      | ""                 | ""     | ""     | ""
            """)
    void readsComponentsOfEachGroup(String value, Group group, String family, String given, String middle,
            String prefix, String suffix) {
        PersonName name = PersonName.parse(value);

        assertThat(name.component(group, Component.FAMILY)).isEqualTo(family);
        assertThat(name.component(group, Component.GIVEN)).isEqualTo(given);
        assertThat(name.component(group, Component.MIDDLE)).isEqualTo(middle);
        assertThat(name.component(group, Component.PREFIX)).isEqualTo(prefix);
        assertThat(name.component(group, Component.SUFFIX)).isEqualTo(suffix);
    }

    @ParameterizedTest(name = "\"{0}\" -> \"{1}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            # value                                      | canonical
            Adams^John Robert Quincy^^Rev.^B.A. M.Div.   | Adams^John Robert Quincy^^Rev.^B.A. M.Div.
            Yamada^Tarou=山田^太郎=やまだ^たろう           | Yamada^Tarou=山田^太郎=やまだ^たろう
            Wang^XiaoDong=王^小東=                       | Wang^XiaoDong=王^小東
            Smith^John^^^                                | Smith^John
            "Smith^John^^^ "                             | Smith^John
            Smith^John==                                 | Smith^John
            ^^^^                                         | ""
            ==                                           | ""
            Smith==やまだ                                 | Smith==やまだ
            =山田^太郎                                    | =山田^太郎
            a^b^c^d^e^f^g                                | a^b^c^d^e^f^g
            """)
    void writesCanonicalFormWithoutTrailingEmptyComponentsOrGroups(String value, String canonical) {
        assertThat(PersonName.parse(value).toString()).isEqualTo(canonical);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            Yamada^Tarou=山田^太郎=やまだ^たろう  | ALPHABETIC  | Yamada^Tarou
            Yamada^Tarou=山田^太郎=やまだ^たろう  | IDEOGRAPHIC | 山田^太郎
            Yamada^Tarou=山田^太郎=やまだ^たろう  | PHONETIC    | やまだ^たろう
            Wang^XiaoDong=王^小東=              | PHONETIC    | ""
            Doe^^^Dr.^                          | ALPHABETIC  | Doe^^^Dr.
            """)
    void givesEachGroupAsWritten(String value, Group group, String expected) {
        assertThat(PersonName.parse(value).group(group)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "\"{0}\" -> \"{1}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            Müller^José                         | MULLER^JOSE
            smith^john                          | SMITH^JOHN
            Ñúñez^Ångström                      | NUNEZ^ANGSTROM
            Yamada^Tarou=山田^太郎=やまだ^たろう  | YAMADA^TAROU
            =山田^太郎                           | ""
            """)
    void normalizesAlphabeticGroupForMatching(String value, String expected) {
        assertThat(PersonName.parse(value).normalizedForMatching()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a=b=c=d", "Smith^John\\Doe^Jane"})
    void rejectsMoreThanThreeGroupsOrSeveralValues(String value) {
        assertThatThrownBy(() -> PersonName.parse(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(value);
    }

    @Test
    void parsingTheCanonicalFormGivesTheSameName() {
        PersonName name = PersonName.parse("  Adams ^John Robert Quincy^^Rev.^B.A. M.Div.^^=^=");

        assertThat(PersonName.parse(name.toString())).isEqualTo(name);
        assertThat(name.isEmpty()).isFalse();
        assertThat(PersonName.parse("^=^").isEmpty()).isTrue();
    }

    @Test
    void readsEveryPersonNameOfPydicomCorpusAndKeepsItsText() {
        assertThat(CorpusValues.of(VR.PN)).isNotEmpty().allSatisfy(found -> {
            PersonName name = PersonName.parse(found.value());
            assertThat(found.value()).startsWith(name.toString());
            assertThat(found.value().substring(name.toString().length())).matches("[\\^=]*");
        });
    }
}
