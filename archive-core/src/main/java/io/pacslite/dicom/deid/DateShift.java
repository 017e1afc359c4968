package io.pacslite.dicom.deid;

import io.pacslite.dicom.data.DicomDate;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * Moves dates by a whole number of days, the same for every date of a patient, for the Retain
 * Longitudinal Temporal Information with Modified Dates Option (PS3.15 E.3.6): intervals
 * between dates stay as they were, and times of day are unchanged.
 *
 * @param days how many days to add (negative: earlier)
 */
record DateShift(long days) {

    private static final DateTimeFormatter BASIC = DateTimeFormatter.BASIC_ISO_DATE;

    /**
     * A DA value moved, or null if it is not a date (it is then removed rather than kept as it was).
     */
    String shiftDate(String value) {
        try {
            return DicomDate.parse(value).plusDays(days).format(BASIC);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * A DT value moved: its date part when it has one (YYYYMMDD...), the rest kept; a value of
     * year or year and month alone is moved by its first day, to the same precision. Null if
     * it is not a DT value.
     */
    String shiftDateTime(String value) {
        String text = value.strip();
        if (text.length() >= 8) {
            String date = shiftDate(text.substring(0, 8));
            return date == null ? null : date + text.substring(8);
        }
        if (!text.matches("\\d{4}|\\d{6}")) {
            return null;
        }
        int month = text.length() == 6 ? Integer.parseInt(text.substring(4, 6)) : 1;
        if (month < 1 || month > 12) {
            return null;
        }
        LocalDate first = LocalDate.of(Integer.parseInt(text.substring(0, 4)), month, 1);
        return first.plusDays(days).format(BASIC).substring(0, text.length());
    }
}
