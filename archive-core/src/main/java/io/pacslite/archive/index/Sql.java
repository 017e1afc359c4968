package io.pacslite.archive.index;

import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Small helpers for values going into and out of the index tables. */
final class Sql {

    private Sql() {
    }

    /** TIMESTAMP columns hold UTC wall-clock time, the same in H2 and PostgreSQL. */
    static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static Instant instant(LocalDateTime utc) {
        return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
    }

    /**
     * Text from a device, cut to its column so that a long value is never an SQL error;
     * empty becomes null. The cut never splits a surrogate pair.
     */
    static String fit(String value, int columnLength) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.length() <= columnLength) {
            return value;
        }
        int end = columnLength;
        if (Character.isHighSurrogate(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(0, end);
    }

    /** A value that identifies something: cutting it would merge different things. */
    static String required(String value, int columnLength, String what) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(what + " is missing");
        }
        if (value.length() > columnLength) {
            throw new IllegalArgumentException(what + " is longer than " + columnLength + " characters");
        }
        return value;
    }

    /**
     * A conflict with a concurrent transaction, worth running the transaction again: a
     * deadlock or serialization failure (40001), a lock timeout (H2 50200), a row created
     * (23505) or removed (23503) by another transaction between our read and our write.
     */
    static boolean isConflict(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                String state = s.getSQLState();
                if ("40001".equals(state) || "40P01".equals(state) || "23505".equals(state)
                        || "23503".equals(state) || "HYT00".equals(state) || "55P03".equals(state)
                        || s.getErrorCode() == H2_LOCK_TIMEOUT || s.getErrorCode() == H2_CONCURRENT_UPDATE) {
                    return true;
                }
            }
        }
        return false;
    }

    private static final int H2_LOCK_TIMEOUT = 50200;
    private static final int H2_CONCURRENT_UPDATE = 90131;
}
