package io.pacslite.dicom.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Range matching keys for DA, TM and DT (PS3.4 C.2.2.2.5). */
final class DateTimeRangeTest {

    @ParameterizedTest(name = "\"{0}\" -> {1} .. {2}")
    @CsvSource(textBlock = """
            20240101-20241231,        2024-01-01, 2024-12-31
            -20241231,                ,           2024-12-31
            20240101-,                2024-01-01,
            20240101,                 2024-01-01, 2024-01-01
            1997.04.24-1997.12.31,    1997-04-24, 1997-12-31
            20240101-20240101,        2024-01-01, 2024-01-01
            """)
    void readsDateRanges(String key, LocalDate lower, LocalDate upper) {
        assertThat(DateTimeRange.parseDate(key)).isEqualTo(new DateTimeRange<>(lower, upper));
    }

    @ParameterizedTest(name = "\"{0}\" -> {1} .. {2}")
    @CsvSource(textBlock = """
            10,                 10:00,        10:59:59.999999
            1000-1200,          10:00,        12:00:59.999999
            10-12,              10:00,        12:59:59.999999
            -1230,              ,             12:30:59.999999
            103015.5-,          10:30:15.5,
            10:00:00-12:00:00,  10:00,        12:00:00.999999
            """)
    void readsTimeRangesWithEachEndCoveringItsSpan(String key, LocalTime lower, LocalTime upper) {
        assertThat(DateTimeRange.parseTime(key)).isEqualTo(new DateTimeRange<>(lower, upper));
    }

    @ParameterizedTest(name = "\"{0}\" -> {1} .. {2}")
    @CsvSource(textBlock = """
            2004,                                     2004-01-01T00:00:00Z,  2004-12-31T23:59:59.999999Z
            2004-2005,                                2004-01-01T00:00:00Z,  2005-12-31T23:59:59.999999Z
            20240101120000+0100,                      2024-01-01T11:00:00Z,  2024-01-01T11:00:00.999999Z
            20240101120000+0100-20240101130000-0100,  2024-01-01T11:00:00Z,  2024-01-01T14:00:00.999999Z
            -20240101120000-0500,                     ,                      2024-01-01T17:00:00.999999Z
            20240101-0500-,                           2024-01-01T05:00:00Z,
            2004-0500,                                2004-01-01T05:00:00Z,  2005-01-01T04:59:59.999999Z
            202402-,                                  2024-02-01T00:00:00Z,
            """)
    void readsDateTimeRangesWithOffsets(String key, Instant lower, Instant upper) {
        assertThat(DateTimeRange.parseDateTime(key, ZoneOffset.UTC)).isEqualTo(new DateTimeRange<>(lower, upper));
    }

    @Test
    void takesDateTimeWithoutOffsetInTheGivenOne() {
        DateTimeRange<Instant> range = DateTimeRange.parseDateTime("20240101", ZoneOffset.ofHours(2));

        assertThat(range.lower()).isEqualTo(Instant.parse("2023-12-31T22:00:00Z"));
        assertThat(range.upper()).isEqualTo(Instant.parse("2024-01-01T21:59:59.999999Z"));
    }

    @ParameterizedTest(name = "\"{0}\" contains {1}: {2}")
    @CsvSource(textBlock = """
            20240101-20241231,  2024-01-01, true
            20240101-20241231,  2024-12-31, true
            20240101-20241231,  2023-12-31, false
            20240101-20241231,  2025-01-01, false
            -20241231,          1900-01-01, true
            20240101-,          2999-12-31, true
            20240101-,          2023-12-31, false
            20240615,           2024-06-15, true
            20240615,           2024-06-16, false
            """)
    void containsDatesWithinBoundsInclusive(String key, LocalDate date, boolean expected) {
        assertThat(DateTimeRange.parseDate(key).contains(date)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "\"{0}\" contains {1}: {2}")
    @CsvSource(textBlock = """
            10,         10:00,            true
            10,         10:59:59.999999,  true
            10,         11:00,            false
            10,         09:59:59.999999,  false
            0800-1000,  10:00:30,         true
            0800-1000,  10:01,            false
            -0800,      00:00,            true
            """)
    void containsTimesWithinTheSpanOfEachEnd(String key, LocalTime time, boolean expected) {
        assertThat(DateTimeRange.parseTime(key).contains(time)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "\"{0}\" contains {1}: {2}")
    @CsvSource(textBlock = """
            2004,                    2004-07-01T12:00:00Z,         true
            2004,                    2005-01-01T00:00:00Z,         false
            20240101120000+0100,     2024-01-01T11:00:00.5Z,       true
            20240101120000+0100,     2024-01-01T12:00:00Z,         false
            20240101-20240102+1400,  2024-01-02T09:59:59.999999Z,  true
            20240101-20240102+1400,  2024-01-02T10:00:00Z,         false
            """)
    void containsDateTimesComparedAsInstants(String key, Instant instant, boolean expected) {
        assertThat(DateTimeRange.parseDateTime(key, ZoneOffset.UTC).contains(instant)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-", "", "20240101--20240102", "20240101-20240102-", "2024-", "20241231-20240101",
        "20240101 - 20241231", "20240101~20241231", "20240230-"})
    void rejectsInvalidDateKeys(String key) {
        assertThatThrownBy(() -> DateTimeRange.parseDate(key)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-", "1200-1000", "25-", "10-11-12", "1", "10:00-1100:00"})
    void rejectsInvalidTimeKeys(String key) {
        assertThatThrownBy(() -> DateTimeRange.parseTime(key)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-", "2005-2004", "20240101+1500-", "2004-05-06", "200-"})
    void rejectsInvalidDateTimeKeys(String key) {
        assertThatThrownBy(() -> DateTimeRange.parseDateTime(key, ZoneOffset.UTC))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void namesTheKeyAndTheRuleInItsMessage() {
        assertThatThrownBy(() -> DateTimeRange.parseDate("2024-01-01"))
                .hasMessage("not a DA value nor a range of them (PS3.4 C.2.2.2.5): \"2024-01-01\"");
        assertThatThrownBy(() -> DateTimeRange.parseTime("1200-1000"))
                .hasMessageContaining("after it ends");
    }
}
