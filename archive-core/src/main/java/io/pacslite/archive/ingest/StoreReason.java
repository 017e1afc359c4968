package io.pacslite.archive.ingest;

/**
 * Why a store ended as it did: the one place where an outcome maps to a DIMSE C-STORE status
 * (PS3.4 B.2.3, PS3.7 C.4.2) and to an HTTP status for STOW-RS (PS3.18 10.5.3).
 */
public enum StoreReason {
    /** Stored and indexed. */
    STORED(StoreStatus.SUCCESS, 0x0000, 200, "stored"),
    /** The same SOP Instance with identical bytes was already stored: nothing changed. */
    ALREADY_STORED(StoreStatus.SUCCESS, 0x0000, 200, "identical instance already stored"),
    /** Same SOP Instance UID, different bytes, policy REPLACE: the new one replaced the old. */
    DUPLICATE_REPLACED(StoreStatus.SUCCESS, 0x0000, 200, "replaced the instance stored with the same SOP Instance UID"),
    /**
     * Same SOP Instance UID, different bytes, policy KEEP_FIRST: the first is kept. Warning
     * B000 ("coercion"): what the archive holds for this UID is not what was sent.
     */
    DUPLICATE_KEPT_FIRST(StoreStatus.WARNING, 0xB000, 202,
            "an instance with this SOP Instance UID but other content is stored already; the first is kept"),
    /** Same SOP Instance UID, different bytes, policy REJECT: 0111 Duplicate SOP Instance (PS3.7 C.4.2). */
    DUPLICATE_REJECTED(StoreStatus.FAILURE, 0x0111, 409,
            "an instance with this SOP Instance UID but other content is stored already"),
    /** Not readable as DICOM (truncated, lying lengths, not a data set): C000 Cannot understand. */
    INVALID_DICOM(StoreStatus.FAILURE, 0xC000, 400, "not a readable DICOM data set"),
    /**
     * The sender's stream failed before the data set was complete (association aborted,
     * connection lost, upload cut off): C000 Cannot understand, though a DIMSE peer that is
     * gone gets no response at all.
     */
    RECEIVE_FAILED(StoreStatus.FAILURE, 0xC000, 400, "the data set could not be received in full"),
    /** SOP Class, SOP Instance, Study or Series Instance UID missing: A900 Data Set does not match SOP Class. */
    MISSING_ATTRIBUTE(StoreStatus.FAILURE, 0xA900, 400, "a required attribute is missing"),
    /** A UID that breaks PS3.5 9.1: A900. */
    INVALID_UID(StoreStatus.FAILURE, 0xA900, 400, "a UID is not valid (PS3.5 9.1)"),
    /**
     * The data set's SOP Class UID is not the one announced with it (a C-STORE-RQ's Affected
     * SOP Class UID): A900, PS3.4 B.2.3 "Error: Data Set does not match SOP Class".
     */
    SOP_CLASS_MISMATCH(StoreStatus.FAILURE, 0xA900, 400,
            "the data set's SOP Class UID is not the announced one"),
    /**
     * The data set's SOP Instance UID is not the one announced with it (a C-STORE-RQ's
     * Affected SOP Instance UID): C000, PS3.4 B.2.3 "Error: Cannot understand". The request
     * and its data set name two different instances, so which one was meant cannot be
     * understood; storing either could acknowledge an instance the sender did not mean.
     * Not A900: the data set may well match its SOP Class. Not 0117 (Invalid SOP Instance):
     * PS3.7 C.5 gives that to a UID that breaks the construction rules, which both may keep.
     */
    SOP_INSTANCE_MISMATCH(StoreStatus.FAILURE, 0xC000, 400,
            "the data set's SOP Instance UID is not the announced one"),
    /**
     * The instance's Study Instance UID is not the one the request names (STOW-RS to
     * {@code /studies/{study}}): A900, the class PS3.18 Table I.2-2 gives for a data set that
     * does not match what is expected.
     */
    STUDY_MISMATCH(StoreStatus.FAILURE, 0xA900, 409, "the Study Instance UID is not the one the request names"),
    /** The study is already stored for another patient: never silently merged (C000, HTTP 409). */
    PATIENT_MISMATCH(StoreStatus.FAILURE, 0xC000, 409, "the study is stored for another patient"),
    /** Larger than the configured maximum instance size: A700 Out of Resources. */
    TOO_LARGE(StoreStatus.FAILURE, 0xA700, 413, "larger than the maximum instance size"),
    /** The file could not be written (disk full, I/O error): A700 Out of Resources. */
    STORAGE_FAILED(StoreStatus.FAILURE, 0xA700, 503, "the file could not be stored"),
    /** The index transaction failed: 0110 Processing failure. */
    INDEX_FAILED(StoreStatus.FAILURE, 0x0110, 500, "the index could not be updated");

    private final StoreStatus status;
    private final int dimseStatus;
    private final int httpStatus;
    private final String description;

    StoreReason(StoreStatus status, int dimseStatus, int httpStatus, String description) {
        this.status = status;
        this.dimseStatus = dimseStatus;
        this.httpStatus = httpStatus;
        this.description = description;
    }

    public StoreStatus status() {
        return status;
    }

    /** The C-STORE response status (PS3.4 B.2.3). */
    public int dimseStatus() {
        return dimseStatus;
    }

    /** The HTTP status for a single-instance STOW-RS answer (PS3.18 10.5.3). */
    public int httpStatus() {
        return httpStatus;
    }

    public String description() {
        return description;
    }
}
