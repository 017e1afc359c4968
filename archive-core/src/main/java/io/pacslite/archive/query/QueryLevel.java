package io.pacslite.archive.query;

/**
 * The level a query asks for (PS3.4 C.6.1.1, C.6.2.1; PS3.18 10.6.1): what one result is.
 * C-FIND's IMAGE level is {@link #INSTANCE}.
 */
public enum QueryLevel {
    PATIENT, STUDY, SERIES, INSTANCE;

    /** Whether this level is {@code other} or below it (INSTANCE is below SERIES). */
    boolean isAtOrBelow(QueryLevel other) {
        return ordinal() >= other.ordinal();
    }
}
