package io.pacslite.archive.ingest;

import io.pacslite.dicom.io.TransferSyntax;

/**
 * Where an instance comes from and how its bytes are framed.
 *
 * @param transferSyntax null for a Part 10 file (preamble and File Meta); otherwise the
 *     transfer syntax of a bare data set, as a DIMSE presentation context gives it
 * @param sourceAE the calling AE title, or null
 * @param sourceAddress the peer's address or "cli:import", or null
 * @param expectedStudyUID the Study Instance UID the instance must have, or null for any (STOW-RS
 *     {@code POST /studies/{study}}, PS3.18 10.5.1); another one is refused with
 *     {@link StoreReason#STUDY_MISMATCH} before anything is stored
 */
public record StoreContext(TransferSyntax transferSyntax, String sourceAE, String sourceAddress,
        String expectedStudyUID) {

    /** A Part 10 file from {@code source}. */
    public static StoreContext partTen(String sourceAddress) {
        return new StoreContext(null, null, sourceAddress, null);
    }

    /** A bare data set in {@code transferSyntax}, as received on a DIMSE association. */
    public static StoreContext dataset(TransferSyntax transferSyntax, String sourceAE, String sourceAddress) {
        return new StoreContext(transferSyntax, sourceAE, sourceAddress, null);
    }

    /** This context, accepting only instances of the study {@code studyUID}. */
    public StoreContext withExpectedStudy(String studyUID) {
        return new StoreContext(transferSyntax, sourceAE, sourceAddress, studyUID);
    }
}
