package io.pacslite.dicom.data;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads DA values (PS3.5 Table 6.2-1): "YYYYMMDD". Also reads the ACR-NEMA form
 * "YYYY.MM.DD" that old files still carry, which PS3.5 Table 6.2-1 recommends accepting for
 * compatibility with versions before 3.0.
 * A DA value has no partial form: year, month and day are always there.
 */
public final class DicomDate {

    /** YYYYMMDD or YYYY.MM.DD: the backreference demands both dots or none. */
    static final Pattern SYNTAX = Pattern.compile("(\\d{4})(\\.?)(\\d{2})\\2(\\d{2})");

    private DicomDate() {}

    /**
     * The date of a DA value; leading and trailing spaces are ignored.
     *
     * @throws IllegalArgumentException if the text is not a DA value or not a calendar date
     */
    public static LocalDate parse(String text) {
        String value = text.strip();
        Matcher m = SYNTAX.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a DA value (YYYYMMDD, PS3.5 Table 6.2-1): \"" + text + "\"");
        }
        try {
            return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("DA value is no calendar date: \"" + text + "\" (" + e.getMessage() + ")", e);
        }
    }
}
