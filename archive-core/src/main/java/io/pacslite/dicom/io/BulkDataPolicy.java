package io.pacslite.dicom.io;

/** What the reader does with large binary values (Pixel Data and other O* or UN values). */
public enum BulkDataPolicy {
    /** Load every value into memory. */
    LOAD,
    /** Leave large values in the file: keep a {@link io.pacslite.dicom.data.BulkData} reference (offset and length). */
    REFERENCE,
    /** Drop large values; the element is not kept at all. */
    SKIP
}
