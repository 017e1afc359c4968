package io.pacslite.archive.correction;

/** Why a study correction was refused or failed; the web layer and the CLI map each to a status. */
public enum CorrectionReason {
    /** A keyword that is not a {@link CorrectableAttribute}, or no keyword at all. */
    NOT_CORRECTABLE,
    /** A value that its attribute's VR does not allow. */
    INVALID_VALUE,
    /** No instance of the study is stored. */
    NO_SUCH_STUDY,
    /**
     * The patient attributes would change on a patient that has other studies too, or the study
     * would move to a patient stored with other demographics: the patient row the studies share
     * would disagree with some of their files.
     */
    PATIENT_CONFLICT,
    /** A file of the study is missing or unreadable: nothing was changed. */
    FILE_MISSING,
    /** Writing the files or the index failed; what was written is put back. */
    FAILED
}
