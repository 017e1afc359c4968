package io.pacslite.archive.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacslite.dicom.data.VR;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which kind of matching PS3.4 C.2.2.2 makes of a key value, by VR. */
class MatchTest {

    static Stream<Arguments> keys() {
        return Stream.of(
                Arguments.of(VR.LO, "", false, new Match.Universal()),
                Arguments.of(VR.PN, " * ", false, new Match.Universal()),
                Arguments.of(VR.LO, "\"\"", false, new Match.Empty()),
                Arguments.of(VR.LO, "P1", false, new Match.Single("P1")),
                Arguments.of(VR.UI, "1.2.3*", false, new Match.Single("1.2.3*")),
                Arguments.of(VR.UI, "1.2\\1.3", false, new Match.AnyOf(List.of("1.2", "1.3"))),
                Arguments.of(VR.UI, "1.2,1.3,1.2", false, new Match.AnyOf(List.of("1.2", "1.3"))),
                Arguments.of(VR.CS, "CT\\MR", false, new Match.AnyOf(List.of("CT", "MR"))),
                Arguments.of(VR.SH, "A?1*", false, new Match.Wildcard("A?1*")),
                Arguments.of(VR.PN, "Doe^J*", false, new Match.Wildcard("Doe^J*")),
                Arguments.of(VR.PN, "Doe^J*", true, new Match.Fuzzy(List.of("DOE", "J"))),
                Arguments.of(VR.PN, "jérô mü", true, new Match.Fuzzy(List.of("JERO", "MU"))),
                Arguments.of(VR.PN, "^*", true, new Match.Universal()),
                Arguments.of(VR.DA, "20200101", false, new Match.Range("20200101", "20200101")),
                Arguments.of(VR.DA, "20200101-", false, new Match.Range("20200101", null)),
                Arguments.of(VR.DA, "-20200101", false, new Match.Range(null, "20200101")),
                Arguments.of(VR.TM, "1015", false, new Match.Range("101500", "101559.999999")),
                Arguments.of(VR.TM, "101530.5-", false, new Match.Range("101530.5", null)),
                Arguments.of(VR.TM, "2300-0700", false, new Match.Range("230000", "070059.999999")),
                Arguments.of(VR.IS, "2", false, new Match.Single("2")),
                Arguments.of(VR.IS, "1,3", false, new Match.AnyOf(List.of("1", "3"))));
    }

    @ParameterizedTest(name = "{0} \"{1}\" fuzzy={2}")
    @MethodSource("keys")
    void readsTheKindOfMatchingFromTheValueAndVR(VR vr, String value, boolean fuzzy, Match expected) {
        assertThat(Match.of(vr, value, fuzzy)).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void refusesValuesThatBreakTheirVR(VR vr, String value) {
        assertThatThrownBy(() -> Match.of(vr, value, false))
                .isInstanceOfSatisfying(QueryException.class,
                        e -> assertThat(e.reason()).isEqualTo(QueryReason.INVALID_KEY_VALUE));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(Arguments.of(VR.DA, "2020-01-01"), Arguments.of(VR.DA, "20201301"),
                Arguments.of(VR.DA, "20210101-20200101"), Arguments.of(VR.TM, "2500"), Arguments.of(VR.IS, "two"),
                Arguments.of(VR.IS, "3000000000"));
    }
}
