package io.pacslite.dicom.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** DA, TM and DT values (PS3.5 Table 6.2-1), partial values as spans. */
final class DicomDateTimeTest {

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(quoteCharacter = '"', textBlock = """
            20240229,     2024-02-29
            19970424,     1997-04-24
            1997.04.24,   1997-04-24
            "20240101 ",  2024-01-01
            """)
    void readsDates(String value, LocalDate expected) {
        assertThat(DicomDate.parse(value)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2024", "202401", "2024010", "20230229", "20241301", "1997.0424", "1997-04-24", "2024O101"})
    void rejectsInvalidDates(String value) {
        assertThatThrownBy(() -> DicomDate.parse(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"" + value + "\"");
    }

    @ParameterizedTest(name = "\"{0}\" -> {1} .. {2}")
    @CsvSource(quoteCharacter = '"', textBlock = """
            10,              10:00,              10:59:59.999999
            1030,            10:30,              10:30:59.999999
            103015,          10:30:15,           10:30:15.999999
            103015.5,        10:30:15.5,         10:30:15.599999
            103015.123456,   10:30:15.123456,    10:30:15.123456
            000000,          00:00,              00:00:00.999999
            23,              23:00,              23:59:59.999999
            235960,          23:59:59,           23:59:59.999999
            10:30:15,        10:30:15,           10:30:15.999999
            10:30,           10:30,              10:30:59.999999
            10:30:15.25,     10:30:15.25,        10:30:15.259999
            "070907.0705 ",  07:09:07.0705,      07:09:07.070599
            """)
    void readsTimesAsTheSpanOfTheirPrecision(String value, LocalTime lower, LocalTime upper) {
        DicomTime time = DicomTime.parse(value);

        assertThat(time.lowerBound()).isEqualTo(lower);
        assertThat(time.upperBound()).isEqualTo(upper);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1", "24", "1060", "103061", "103015.", "103015.1234567", "10.5", "1030.5",
        "10:3015", "1030:15", "10-30"})
    void rejectsInvalidTimes(String value) {
        assertThatThrownBy(() -> DicomTime.parse(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"" + value + "\"");
    }

    @ParameterizedTest(name = "\"{0}\" -> {1} .. {2} {3}")
    @CsvSource(quoteCharacter = '"', textBlock = """
            2004,                        2004-01-01T00:00,            2004-12-31T23:59:59.999999,  ""
            200402,                      2004-02-01T00:00,            2004-02-29T23:59:59.999999,  ""
            20040215,                    2004-02-15T00:00,            2004-02-15T23:59:59.999999,  ""
            2004021510,                  2004-02-15T10:00,            2004-02-15T10:59:59.999999,  ""
            200402151030,                2004-02-15T10:30,            2004-02-15T10:30:59.999999,  ""
            20040215103015,              2004-02-15T10:30:15,         2004-02-15T10:30:15.999999,  ""
            20040215103015.5,            2004-02-15T10:30:15.5,       2004-02-15T10:30:15.599999,  ""
            20040215103015.000001,       2004-02-15T10:30:15.000001,  2004-02-15T10:30:15.000001,  ""
            20240101120000+0100,         2024-01-01T12:00,            2024-01-01T12:00:00.999999,  +01:00
            20240101120000.25-0500,      2024-01-01T12:00:00.25,      2024-01-01T12:00:00.259999,  -05:00
            2024-1200,                   2024-01-01T00:00,            2024-12-31T23:59:59.999999,  -12:00
            202401+1400,                 2024-01-01T00:00,            2024-01-31T23:59:59.999999,  +14:00
            "20240101120000+0000 ",      2024-01-01T12:00,            2024-01-01T12:00:00.999999,  Z
            """)
    void readsDateTimesAsTheSpanOfTheirPrecisionWithOffset(
            String value, LocalDateTime lower, LocalDateTime upper, String offset) {
        DicomDateTime dateTime = DicomDateTime.parse(value);

        assertThat(dateTime.lowerBound()).isEqualTo(lower);
        assertThat(dateTime.upperBound()).isEqualTo(upper);
        assertThat(dateTime.offset()).isEqualTo(offset.isEmpty() ? null : ZoneOffset.of(offset));
    }

    @Test
    void placesDateTimeWithoutOffsetInTheGivenOne() {
        ZoneOffset plusTwo = ZoneOffset.ofHours(2);

        assertThat(DicomDateTime.parse("2004").lowerBound(plusTwo))
                .isEqualTo(OffsetDateTime.parse("2004-01-01T00:00+02:00"));
        assertThat(DicomDateTime.parse("20240101120000+0100").upperBound(plusTwo))
                .isEqualTo(OffsetDateTime.parse("2024-01-01T12:00:00.999999+01:00"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "200", "20041", "2004021", "20041301", "20040230", "2004021524", "20040215103015.",
        "200402151030.5", "20240101120000+01", "20240101120000+1500", "20240101120000-1201", "20240101120000+0160",
        "20240101120000 +0100", "2024-01-01T12:00"})
    void rejectsInvalidDateTimes(String value) {
        assertThatThrownBy(() -> DicomDateTime.parse(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"" + value + "\"");
    }

    @Test
    void readsEveryDaTmAndDtValueOfPydicomCorpus() {
        List<CorpusValues.Found> dates = CorpusValues.of(VR.DA);
        List<CorpusValues.Found> times = CorpusValues.of(VR.TM);
        List<CorpusValues.Found> dateTimes = CorpusValues.of(VR.DT);

        assertThat(dates).isNotEmpty().allSatisfy(found -> DicomDate.parse(found.value()));
        assertThat(times).isNotEmpty().allSatisfy(found -> DicomTime.parse(found.value()));
        assertThat(dateTimes).isNotEmpty().allSatisfy(found -> DicomDateTime.parse(found.value()));
    }

    @Test
    void readsAcrNemaDateAndTimeOfExplicitBigEndianFile() {
        List<CorpusValues.Found> studyDate = CorpusValues.of(VR.DA).stream()
                .filter(found -> found.file().equals("ExplVR_BigEnd.dcm") && found.tag().equals("(0008,0020)"))
                .toList();
        List<CorpusValues.Found> studyTime = CorpusValues.of(VR.TM).stream()
                .filter(found -> found.file().equals("ExplVR_BigEnd.dcm") && found.tag().equals("(0008,0030)"))
                .toList();

        assertThat(studyDate).singleElement()
                .satisfies(found -> assertThat(DicomDate.parse(found.value())).isEqualTo(LocalDate.of(1997, 4, 24)));
        assertThat(studyTime).singleElement()
                .satisfies(found -> assertThat(DicomTime.parse(found.value()).lowerBound()).isEqualTo(LocalTime.of(14, 4, 38)));
    }
}
