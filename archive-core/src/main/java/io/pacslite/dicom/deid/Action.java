package io.pacslite.dicom.deid;

/**
 * What de-identification does to one data element: the action codes of PS3.15 Table E.1-1a.
 * Combined codes (X/Z, X/D, Z/D, X/Z/D, X/Z/U*) are resolved to one of these by
 * {@link ProfileEntry#action}.
 */
public enum Action {
    /** D: replaced by a non-empty dummy value valid for the VR. */
    DUMMY,
    /** Z: replaced by an empty value (an empty sequence for SQ). */
    ZERO,
    /** X: removed, with any sequence items. */
    REMOVE,
    /** K: kept; a sequence's items are de-identified in turn. */
    KEEP,
    /** C: cleaned, as the option that asks for it says (dates shifted, free text removed). */
    CLEAN,
    /** U: a UID replaced by another, the same one wherever the original appears in one export. */
    REPLACE_UID
}
