package io.pacslite.archive.query;

/**
 * Why a query was refused: the one place where that maps to a C-FIND status (PS3.4 C.4.1.1.4)
 * and an HTTP status for QIDO-RS (PS3.18 10.6.2).
 */
public enum QueryReason {
    /** A matching key's value breaks its VR (a date range like "2020-13-45"): A900, HTTP 400. */
    INVALID_KEY_VALUE(0xA900, 400, "a matching key's value is not valid for its VR"),
    /** A query parameter that is not a key is malformed (limit=ten): A900, HTTP 400. */
    INVALID_PARAMETER(0xA900, 400, "a query parameter is not valid");

    private final int dimseStatus;
    private final int httpStatus;
    private final String description;

    QueryReason(int dimseStatus, int httpStatus, String description) {
        this.dimseStatus = dimseStatus;
        this.httpStatus = httpStatus;
        this.description = description;
    }

    /** The C-FIND failure status: A900 Identifier does not match SOP Class (PS3.4 C.4.1.1.4). */
    public int dimseStatus() {
        return dimseStatus;
    }

    /** The QIDO-RS HTTP status (PS3.18 10.6.2). */
    public int httpStatus() {
        return httpStatus;
    }

    /** The reason in words, for a log or an error comment. */
    public String description() {
        return description;
    }
}
