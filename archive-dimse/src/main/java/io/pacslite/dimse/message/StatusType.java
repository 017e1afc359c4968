package io.pacslite.dimse.message;

/** The class of a DIMSE status code, PS3.7 Annex C (sections C.1 to C.5). */
public enum StatusType {
    /** PS3.7 C.1: the operation completed. */
    SUCCESS,
    /** PS3.7 C.4: the operation completed, with a qualification. */
    WARNING,
    /** PS3.7 C.5: the operation did not complete. */
    FAILURE,
    /** PS3.7 C.3: the operation was ended by a C-CANCEL. */
    CANCEL,
    /** PS3.7 C.2: more responses follow. */
    PENDING
}
