package io.pacslite.dicomweb.stow;

import io.pacslite.archive.ingest.StoreReason;
import io.pacslite.archive.ingest.StoreResult;
import io.pacslite.archive.ingest.StoreStatus;

/**
 * What became of one part of a STOW-RS request: the SOP Class and Instance UIDs (null when the
 * part could not be read that far), the status class, and the PS3.18 Table I.2-1 / I.2-2 code
 * (WarningReason or FailureReason), with a detail for the log.
 */
record StowOutcome(String sopClassUID, String sopInstanceUID, String studyInstanceUID, String seriesInstanceUID,
        StoreStatus status, int code, String detail) {

    /** A part that is not {@code application/dicom}: C000, "cannot understand". */
    static StowOutcome notDicom(String contentType) {
        return new StowOutcome(null, null, null, null, StoreStatus.FAILURE, StoreReason.INVALID_DICOM.dimseStatus(),
                "a part of type " + contentType + " is not application/dicom");
    }

    /**
     * The store's result; its DIMSE status is the PS3.18 reason code (Table I.2-2 uses the same
     * codes).
     *
     * @param seriesInstanceUID the stored instance's series (for its RetrieveURL), or null
     */
    static StowOutcome of(StoreResult result, String seriesInstanceUID) {
        return new StowOutcome(result.sopClassUID(), result.sopInstanceUID(), result.studyInstanceUID(),
                seriesInstanceUID, result.status(), result.reason().dimseStatus(), result.detail());
    }
}
