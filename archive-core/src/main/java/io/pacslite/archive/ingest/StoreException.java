package io.pacslite.archive.ingest;

/** A store that cannot go on, with the reason it maps to (the core's one exception that carries a reason). */
public final class StoreException extends Exception {

    private final StoreReason reason;

    public StoreException(StoreReason reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    public StoreException(StoreReason reason, String detail, Throwable cause) {
        super(detail, cause);
        this.reason = reason;
    }

    public StoreReason reason() {
        return reason;
    }
}
