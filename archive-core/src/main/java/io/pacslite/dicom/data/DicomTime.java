package io.pacslite.dicom.data;

import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TM value (PS3.5 Table 6.2-1), "HH[MM[SS[.F{1-6}]]]", as the span of time it stands
 * for: a value given to the hour ("10") covers 10:00:00 to 10:59:59.999999, one given to
 * tenths of a second ("101010.5") covers 10:10:10.5 to 10:10:10.599999. Also reads the
 * ACR-NEMA form "HH:MM[:SS[.F]]" that old files still carry. A leap second (SS = 60,
 * allowed by PS3.5) is read as second 59, since {@link LocalTime} has no second 60.
 *
 * @param lowerBound the first instant of the span, the value as written
 * @param upperBound the last microsecond of the span (DICOM's finest precision)
 */
public record DicomTime(LocalTime lowerBound, LocalTime upperBound) {

    /** HH, then optional MM, SS and fraction; the backreference demands colons everywhere or nowhere. */
    static final Pattern SYNTAX =
            Pattern.compile("(\\d{2})(?:(:?)(\\d{2})(?:\\2(\\d{2})(?:\\.(\\d{1,6}))?)?)?");

    /**
     * Reads a TM value; leading and trailing spaces are ignored.
     *
     * @throws IllegalArgumentException if the text is not a TM value or a field is out of range
     */
    public static DicomTime parse(String text) {
        String value = text.strip();
        Matcher m = SYNTAX.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "not a TM value (HH[MM[SS[.F{1-6}]]], PS3.5 Table 6.2-1): \"" + text + "\"");
        }
        try {
            LocalTime lower = LocalTime.of(
                    Integer.parseInt(m.group(1)),
                    m.group(3) == null ? 0 : Integer.parseInt(m.group(3)),
                    m.group(4) == null ? 0 : second(m.group(4)),
                    fractionNanos(m.group(5)));
            ChronoUnit unit = m.group(3) == null ? ChronoUnit.HOURS
                    : m.group(4) == null ? ChronoUnit.MINUTES
                    : m.group(5) == null ? ChronoUnit.SECONDS
                    : ChronoUnit.NANOS;
            long amount = unit == ChronoUnit.NANOS ? fractionStepNanos(m.group(5)) : 1;
            return new DicomTime(lower, lower.plus(amount, unit).minusNanos(1_000));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("TM value out of range: \"" + text + "\" (" + e.getMessage() + ")", e);
        }
    }

    /** Whether the given time of day falls within this value's span. */
    public boolean contains(LocalTime time) {
        return !time.isBefore(lowerBound) && !time.isAfter(upperBound);
    }

    /** Seconds 00-60 (PS3.5 Table 6.2-1); the leap second 60 becomes 59. */
    static int second(String digits) {
        int second = Integer.parseInt(digits);
        if (second > 60) {
            throw new DateTimeException("second " + second + " is not 00-60");
        }
        return Math.min(second, 59);
    }

    /** The nanoseconds of a fraction of 1 to 6 digits; 0 when absent. */
    static int fractionNanos(String digits) {
        return digits == null ? 0 : Integer.parseInt((digits + "00000000").substring(0, 9));
    }

    /** The span of the last digit of a fraction: 100 ms for one digit, 1 microsecond for six. */
    static long fractionStepNanos(String digits) {
        return (long) Math.pow(10, 9 - digits.length());
    }
}
