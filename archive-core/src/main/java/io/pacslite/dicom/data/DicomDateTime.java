package io.pacslite.dicom.data;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A DT value (PS3.5 Table 6.2-1), "YYYY[MM[DD[HH[MM[SS[.F{1-6}]]]]]][&ZZXX]", as the span
 * of time it stands for: "2004" covers the whole year 2004, "200402" the whole of February.
 * The bounds are local date-times as written; the UTC offset "&ZZXX", if any, is kept apart
 * because a DT without one is in a time zone the reader must supply (Timezone Offset From
 * UTC (0008,0201) of the data set, or the application's own, PS3.5 Table 6.2-1).
 *
 * @param lowerBound the first instant of the span, the value as written
 * @param upperBound the last microsecond of the span (DICOM's finest precision)
 * @param offset the UTC offset written in the value, or null when it has none
 */
public record DicomDateTime(LocalDateTime lowerBound, LocalDateTime upperBound, ZoneOffset offset) {

    /** Digits in pairs after the year, a fraction only after the seconds, then an optional offset. */
    static final Pattern SYNTAX = Pattern.compile(
            "(\\d{4})(?:(\\d{2})(?:(\\d{2})(?:(\\d{2})(?:(\\d{2})(?:(\\d{2})(?:\\.(\\d{1,6}))?)?)?)?)?)?"
                    + "(?:([+-])(\\d{2})(\\d{2}))?");

    private static final ChronoUnit[] PRECISION = {
        ChronoUnit.YEARS, ChronoUnit.MONTHS, ChronoUnit.DAYS, ChronoUnit.HOURS, ChronoUnit.MINUTES, ChronoUnit.SECONDS
    };

    /**
     * Reads a DT value; leading and trailing spaces are ignored.
     *
     * @throws IllegalArgumentException if the text is not a DT value, a field is out of range,
     *     or the offset is outside -1200 to +1400 (PS3.5 Table 6.2-1)
     */
    public static DicomDateTime parse(String text) {
        String value = text.strip();
        Matcher m = SYNTAX.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "not a DT value (YYYY[MM[DD[HH[MM[SS[.F{1-6}]]]]]][&ZZXX], PS3.5 Table 6.2-1): \"" + text + "\"");
        }
        try {
            LocalDateTime lower = LocalDateTime.of(
                    Integer.parseInt(m.group(1)),
                    field(m, 2, 1),
                    field(m, 3, 1),
                    field(m, 4, 0),
                    field(m, 5, 0),
                    m.group(6) == null ? 0 : DicomTime.second(m.group(6)),
                    DicomTime.fractionNanos(m.group(7)));
            LocalDateTime next = m.group(7) != null
                    ? lower.plusNanos(DicomTime.fractionStepNanos(m.group(7)))
                    : lower.plus(1, PRECISION[lastField(m) - 1]);
            return new DicomDateTime(lower, next.minusNanos(1_000), offset(m));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("DT value out of range: \"" + text + "\" (" + e.getMessage() + ")", e);
        }
    }

    /** The first instant of the span, in this value's offset or else in {@code ifAbsent}. */
    public OffsetDateTime lowerBound(ZoneOffset ifAbsent) {
        return lowerBound.atOffset(offset == null ? ifAbsent : offset);
    }

    /** The last microsecond of the span, in this value's offset or else in {@code ifAbsent}. */
    public OffsetDateTime upperBound(ZoneOffset ifAbsent) {
        return upperBound.atOffset(offset == null ? ifAbsent : offset);
    }

    private static int field(Matcher m, int group, int absent) {
        return m.group(group) == null ? absent : Integer.parseInt(m.group(group));
    }

    /** The number of the last date or time group present (1 for the year to 6 for the seconds). */
    private static int lastField(Matcher m) {
        int last = 1;
        while (last < 6 && m.group(last + 1) != null) {
            last++;
        }
        return last;
    }

    private static ZoneOffset offset(Matcher m) {
        if (m.group(8) == null) {
            return null;
        }
        int hours = Integer.parseInt(m.group(9));
        int minutes = Integer.parseInt(m.group(10));
        int sign = m.group(8).equals("-") ? -1 : 1;
        int totalMinutes = sign * (hours * 60 + minutes);
        if (minutes > 59 || totalMinutes < -12 * 60 || totalMinutes > 14 * 60) {
            throw new DateTimeException("offset " + m.group(8) + m.group(9) + m.group(10) + " is not within -1200 to +1400");
        }
        return ZoneOffset.ofTotalSeconds(totalMinutes * 60);
    }
}
