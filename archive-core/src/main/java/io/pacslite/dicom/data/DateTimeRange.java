package io.pacslite.dicom.data;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A range matching key for a DA, TM or DT attribute (PS3.4 C.2.2.2.5): "V1-V2", "-V2" (up
 * to V2) or "V1-" (from V1), both ends inclusive. A single value is the range of the span it
 * stands for: TM "10" is 10:00:00 to 10:59:59.999999, DT "2004" the whole year. A partial
 * value at either end counts with its whole span: DT "2004-2005" runs from the start of 2004
 * to the end of 2005. Combined date-time matching (a DA and a TM key together,
 * PS3.4 C.2.2.2.5) is not handled here.
 *
 * @param lower the first value in range, or null when the range is open below
 * @param upper the last value in range, or null when the range is open above
 * @param <T> {@link LocalDate} for DA, {@link LocalTime} for TM, {@link Instant} for DT
 */
public record DateTimeRange<T extends Comparable<? super T>>(T lower, T upper) {

    /**
     * Checks that the range is not open at both ends and not upside down.
     *
     * @throws IllegalArgumentException if both bounds are null or lower is after upper
     */
    public DateTimeRange {
        if (lower == null && upper == null) {
            throw new IllegalArgumentException("a range needs at least one bound");
        }
        if (lower != null && upper != null && lower.compareTo(upper) > 0) {
            throw new IllegalArgumentException("range starts (" + lower + ") after it ends (" + upper + ")");
        }
    }

    /**
     * A DA matching key: a date or a range of dates.
     *
     * @throws IllegalArgumentException if the text is neither
     */
    public static DateTimeRange<LocalDate> parseDate(String text) {
        return parse(text, DicomDate.SYNTAX, "DA", DicomDate::parse, DicomDate::parse);
    }

    /**
     * A TM matching key: a time or a range of times, each end counting with its whole span.
     *
     * @throws IllegalArgumentException if the text is neither
     */
    public static DateTimeRange<LocalTime> parseTime(String text) {
        return parse(text, DicomTime.SYNTAX, "TM",
                v -> DicomTime.parse(v).lowerBound(), v -> DicomTime.parse(v).upperBound());
    }

    /**
     * A DT matching key: a date-time or a range of them, each end counting with its whole span.
     * An end without a UTC offset is taken in {@code ifAbsent}: the query's Timezone Offset From
     * UTC (0008,0201) if it has one, else the archive's own.
     *
     * @throws IllegalArgumentException if the text is neither
     */
    public static DateTimeRange<Instant> parseDateTime(String text, ZoneOffset ifAbsent) {
        return parse(text, DicomDateTime.SYNTAX, "DT",
                v -> DicomDateTime.parse(v).lowerBound(ifAbsent).toInstant(),
                v -> DicomDateTime.parse(v).upperBound(ifAbsent).toInstant());
    }

    /** Whether the value lies within the range, bounds included. */
    public boolean contains(T value) {
        return (lower == null || lower.compareTo(value) <= 0) && (upper == null || upper.compareTo(value) >= 0);
    }

    /**
     * Reads the whole text as a single value, else splits it at the first '-' that leaves a
     * valid value (or nothing) on each side. A DT "2004-0500" is thus the year 2004 at UTC-05:00,
     * while "2004-2005" (-2005 being no offset) is a range of two years.
     */
    private static <T extends Comparable<? super T>> DateTimeRange<T> parse(
            String text, Pattern single, String vr, Function<String, T> lowerOf, Function<String, T> upperOf) {
        String key = text.strip();
        IllegalArgumentException firstFailure = null;
        // dash -1 is no split at all: the whole key as one value, both ends its span
        for (int dash = -1; dash < key.length(); dash = nextDash(key, dash)) {
            String from = dash < 0 ? key : key.substring(0, dash);
            String to = dash < 0 ? key : key.substring(dash + 1);
            if (!fits(from, single) || !fits(to, single) || (from.isEmpty() && to.isEmpty())) {
                continue;
            }
            try {
                return new DateTimeRange<>(
                        from.isEmpty() ? null : lowerOf.apply(from), to.isEmpty() ? null : upperOf.apply(to));
            } catch (IllegalArgumentException e) {
                firstFailure = firstFailure == null ? e : firstFailure;
            }
        }
        throw firstFailure != null ? firstFailure : new IllegalArgumentException(
                "not a " + vr + " value nor a range of them (PS3.4 C.2.2.2.5): \"" + text + "\"");
    }

    private static int nextDash(String key, int after) {
        int dash = key.indexOf('-', after + 1);
        return dash < 0 ? key.length() : dash;
    }

    private static boolean fits(String part, Pattern single) {
        return part.isEmpty() || single.matcher(part).matches();
    }
}
