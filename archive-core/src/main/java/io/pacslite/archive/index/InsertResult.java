package io.pacslite.archive.index;

/** The outcome of {@link Index#insert}. */
public sealed interface InsertResult
        permits InsertResult.Inserted, InsertResult.AlreadyStored, InsertResult.PatientMismatch {

    /** The instance is now indexed. */
    record Inserted() implements InsertResult {
    }

    /** The SOP Instance UID was already indexed; nothing changed. */
    record AlreadyStored(StoredInstance existing) implements InsertResult {
    }

    /**
     * The study is indexed under another patient; nothing changed. Two patients are never
     * merged silently: a study moves to another patient only by an explicit correction.
     */
    record PatientMismatch(String existingPatientKey, String newPatientKey) implements InsertResult {
    }
}
