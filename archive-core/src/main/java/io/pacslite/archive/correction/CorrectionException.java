package io.pacslite.archive.correction;

/** A study correction that was refused or failed, with its reason and a message for the caller. */
public final class CorrectionException extends Exception {

    private final CorrectionReason reason;

    public CorrectionException(CorrectionReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public CorrectionException(CorrectionReason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public CorrectionReason reason() {
        return reason;
    }
}
