package io.pacslite.archive.query;

/** A query that cannot be run as given; the {@link QueryReason} says why and maps it to a status. */
public final class QueryException extends RuntimeException {

    private final QueryReason reason;

    /** A refused query: why, and what exactly (for the client). */
    public QueryException(QueryReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** Why the query was refused; maps to the C-FIND and HTTP status. */
    public QueryReason reason() {
        return reason;
    }
}
