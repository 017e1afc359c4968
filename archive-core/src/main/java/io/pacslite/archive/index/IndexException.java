package io.pacslite.archive.index;

/** The index could not do what was asked: a database error, or a database it must not open. */
public final class IndexException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** An error with a message for the operator. */
    public IndexException(String message) {
        super(message);
    }

    /** An error caused by a database error. */
    public IndexException(String message, Throwable cause) {
        super(message, cause);
    }
}
