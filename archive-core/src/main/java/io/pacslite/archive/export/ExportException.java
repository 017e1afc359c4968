package io.pacslite.archive.export;

/** Why a study or series cannot be exported ({@link Export#of}). */
public final class ExportException extends Exception {

    /** What went wrong; the HTTP service and the command line each map these to a status in one place. */
    public enum Reason {
        /** No instance of the study or series is indexed. */
        NOT_FOUND,
        /** An instance cannot be written in the transfer syntax asked for. */
        NOT_TRANSCODABLE
    }

    private final Reason reason;

    ExportException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
