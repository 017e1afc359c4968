package io.pacslite.archive.query;

import java.util.Optional;

/**
 * The level a query asks for (PS3.4 C.6.1.1, C.6.2.1; PS3.18 10.6.1): what one result is.
 * C-FIND's IMAGE level is {@link #INSTANCE}.
 */
public enum QueryLevel {
    PATIENT, STUDY, SERIES, INSTANCE;

    /**
     * The level whose entity holds {@code tag} in the index (PatientName: PATIENT, Modality:
     * SERIES), or empty for an attribute the index keeps in no column. C-FIND uses it to tell a
     * key below the query's level (PS3.4 C.4.1.2.1).
     */
    public static Optional<QueryLevel> holding(int tag) {
        return Optional.ofNullable(Columns.at(INSTANCE, tag)).map(Columns.Column::level);
    }

    /** Whether this level is {@code other} or below it (INSTANCE is below SERIES). */
    boolean isAtOrBelow(QueryLevel other) {
        return ordinal() >= other.ordinal();
    }
}
