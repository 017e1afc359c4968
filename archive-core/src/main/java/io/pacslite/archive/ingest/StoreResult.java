package io.pacslite.archive.ingest;

/**
 * The outcome of one store: the reason (which gives the DIMSE and HTTP status), the UIDs
 * read from the data set (null when it could not be read that far), and a detail for logs
 * and error comments.
 */
public record StoreResult(StoreReason reason, String sopClassUID, String sopInstanceUID, String studyInstanceUID,
        String seriesInstanceUID, String detail) {

    public StoreStatus status() {
        return reason.status();
    }

    /** Whether the instance is now held by the archive (success or warning). */
    public boolean isStored() {
        return reason.status() != StoreStatus.FAILURE;
    }

    @Override
    public String toString() {
        return reason + (sopInstanceUID != null ? " " + sopInstanceUID : "") + (detail != null ? ": " + detail : "");
    }
}
