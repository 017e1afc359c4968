package io.pacslite.dimse.service;

import io.pacslite.dimse.message.Status;
import java.util.Objects;

/**
 * A C-FIND, C-GET or C-MOVE Identifier the archive cannot act on, with the failure status
 * to answer (PS3.4 Tables C.4-1 to C.4-3) and, as message, the Error Comment.
 */
public final class IdentifierException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Status status;

    /** A refusal with {@code status}, said by {@code comment}. */
    public IdentifierException(Status status, String comment) {
        super(comment);
        this.status = Objects.requireNonNull(status, "status");
    }

    /** A900 Identifier does not match SOP Class, said by {@code comment}. */
    static IdentifierException doesNotMatch(String comment) {
        return new IdentifierException(Status.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS, comment);
    }

    /** The failure status to answer with. */
    public Status status() {
        return status;
    }
}
