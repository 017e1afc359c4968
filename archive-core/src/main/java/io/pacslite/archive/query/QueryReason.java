package io.pacslite.archive.query;

/**
 * Why a query was refused: the one place where that maps to a C-FIND status (PS3.4 C.4.1.1.4)
 * and an HTTP status for QIDO-RS (PS3.18 10.6.2). Every refusal is the client's: A900
 * Identifier does not match SOP Class, HTTP 400 Bad Request.
 */
public enum QueryReason {
    /** A matching key's value breaks its VR (a date like "20201301", an IS like "two"). */
    INVALID_KEY_VALUE("a matching key's value is not valid for its VR"),
    /** A query parameter that is not a key is malformed ("limit=ten"). */
    INVALID_PARAMETER("a query parameter is not valid");

    private final String description;

    QueryReason(String description) {
        this.description = description;
    }

    /** The C-FIND failure status: A900 Identifier does not match SOP Class (PS3.4 C.4.1.1.4). */
    public int dimseStatus() {
        return 0xA900;
    }

    /** The QIDO-RS HTTP status: 400 Bad Request (PS3.18 10.6.2). */
    public int httpStatus() {
        return 400;
    }

    /** The reason in words, for a log or an error comment. */
    public String description() {
        return description;
    }
}
