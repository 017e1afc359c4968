package io.pacslite.archive.report;

/** Why a report could not be attached, replaced or removed; the web layer maps each to an HTTP status. */
public enum ReportReason {
    /** The body is not a PDF: it does not start with {@code %PDF-}. */
    NOT_PDF,
    /** The PDF has no {@code %%EOF} near its end: cut off, or not a whole PDF. */
    TRUNCATED_PDF,
    /** The PDF is larger than {@link PdfDocument#MAX_BYTES}. */
    TOO_LARGE,
    /** No instance of the study is stored, so there is no patient or study to file the report under. */
    NO_SUCH_STUDY,
    /** The study has no report with that SOP Instance UID. */
    NO_SUCH_REPORT,
    /** The report to replace was replaced already; replace the current one. */
    ALREADY_SUPERSEDED,
    /** The archive could not store the new instance (the detail says why). */
    STORE_FAILED
}
