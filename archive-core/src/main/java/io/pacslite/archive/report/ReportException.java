package io.pacslite.archive.report;

/** A report operation that failed, with its reason and a message for the caller. */
public final class ReportException extends Exception {

    private final ReportReason reason;

    public ReportException(ReportReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public ReportReason reason() {
        return reason;
    }
}
