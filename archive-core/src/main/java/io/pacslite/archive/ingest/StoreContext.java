package io.pacslite.archive.ingest;

import io.pacslite.dicom.io.TransferSyntax;

/**
 * Where an instance comes from, how its bytes are framed, and which instance the sender said
 * it is.
 *
 * @param transferSyntax null for a Part 10 file (preamble and File Meta); otherwise the
 *     transfer syntax of a bare data set, as a DIMSE presentation context gives it
 * @param sourceAE the calling AE title, or null
 * @param sourceAddress the peer's address or "cli:import", or null
 * @param announcedSopClassUID the SOP Class UID the sender announced apart from the data set
 *     (a C-STORE-RQ's Affected SOP Class UID), or null when nothing was announced; the data
 *     set's SOP Class UID must equal it
 * @param announcedSopInstanceUID likewise the announced SOP Instance UID (Affected SOP Instance
 *     UID), or null
 * @param expectedStudyUID the Study Instance UID the instance must have, or null for any (STOW-RS
 *     {@code POST /studies/{study}}, PS3.18 10.5.1); another one is refused with
 *     {@link StoreReason#STUDY_MISMATCH} before anything is stored
 * @param derived whether the archive made the instance from what it holds (a de-identified
 *     copy, a report): ingest coercion rules, which are about what senders send, do not apply
 */
public record StoreContext(TransferSyntax transferSyntax, String sourceAE, String sourceAddress,
        String announcedSopClassUID, String announcedSopInstanceUID, String expectedStudyUID, boolean derived) {

    /** A Part 10 file from {@code source}. */
    public static StoreContext partTen(String sourceAddress) {
        return new StoreContext(null, null, sourceAddress, null, null, null, false);
    }

    /** A Part 10 file the archive made itself, named {@code source} in the index ({@link #derived}). */
    public static StoreContext derived(String source) {
        return new StoreContext(null, null, source, null, null, null, true);
    }

    /** A bare data set in {@code transferSyntax}, as received on a DIMSE association. */
    public static StoreContext dataset(TransferSyntax transferSyntax, String sourceAE, String sourceAddress) {
        return new StoreContext(transferSyntax, sourceAE, sourceAddress, null, null, null, false);
    }

    /**
     * This context for a data set announced as {@code sopClassUID} / {@code sopInstanceUID}
     * (a C-STORE-RQ's Affected SOP Class and Instance UIDs, PS3.7 9.1.1.1): a data set that
     * says otherwise is refused with {@link StoreReason#SOP_CLASS_MISMATCH} or
     * {@link StoreReason#SOP_INSTANCE_MISMATCH}.
     */
    public StoreContext announcing(String sopClassUID, String sopInstanceUID) {
        return new StoreContext(transferSyntax, sourceAE, sourceAddress, sopClassUID, sopInstanceUID,
                expectedStudyUID, derived);
    }

    /** This context, accepting only instances of the study {@code studyUID}. */
    public StoreContext withExpectedStudy(String studyUID) {
        return new StoreContext(transferSyntax, sourceAE, sourceAddress, announcedSopClassUID,
                announcedSopInstanceUID, studyUID, derived);
    }
}
