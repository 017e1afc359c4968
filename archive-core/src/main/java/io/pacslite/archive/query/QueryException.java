package io.pacslite.archive.query;

/** A query that cannot be run as given; the {@link QueryReason} says why and maps it to a status. */
public final class QueryException extends RuntimeException {

    private final QueryReason reason;

    public QueryException(QueryReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public QueryReason reason() {
        return reason;
    }
}
