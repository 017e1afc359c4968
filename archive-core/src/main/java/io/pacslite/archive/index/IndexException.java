package io.pacslite.archive.index;

import java.sql.SQLException;
import org.h2.api.ErrorCode;

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

    /**
     * Whether the database file itself is damaged (H2's "File corrupted", error 90030), as a
     * crash can leave it: then only a rebuild from the files helps.
     */
    public boolean fileCorrupted() {
        for (Throwable cause = getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException e && e.getErrorCode() == ErrorCode.FILE_CORRUPTED_1) {
                return true;
            }
        }
        return false;
    }
}
