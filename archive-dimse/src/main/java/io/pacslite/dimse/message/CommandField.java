package io.pacslite.dimse.message;

import java.util.Arrays;
import java.util.Optional;

/**
 * The Command Field (0000,0100) values of the DIMSE-C and DIMSE-N services, PS3.7 Annex E
 * Table E.1-1. A response has bit 15 set; C-CANCEL-RQ is a request.
 */
public enum CommandField {
    C_STORE_RQ(0x0001),
    C_STORE_RSP(0x8001),
    C_GET_RQ(0x0010),
    C_GET_RSP(0x8010),
    C_FIND_RQ(0x0020),
    C_FIND_RSP(0x8020),
    C_MOVE_RQ(0x0021),
    C_MOVE_RSP(0x8021),
    C_ECHO_RQ(0x0030),
    C_ECHO_RSP(0x8030),
    N_EVENT_REPORT_RQ(0x0100),
    N_EVENT_REPORT_RSP(0x8100),
    N_GET_RQ(0x0110),
    N_GET_RSP(0x8110),
    N_SET_RQ(0x0120),
    N_SET_RSP(0x8120),
    N_ACTION_RQ(0x0130),
    N_ACTION_RSP(0x8130),
    N_CREATE_RQ(0x0140),
    N_CREATE_RSP(0x8140),
    N_DELETE_RQ(0x0150),
    N_DELETE_RSP(0x8150),
    C_CANCEL_RQ(0x0FFF);

    private static final int RESPONSE_BIT = 0x8000;

    private final int code;

    CommandField(int code) {
        this.code = code;
    }

    /** The value of (0000,0100), PS3.7 Table E.1-1. */
    public int code() {
        return code;
    }

    /** True for requests (including C-CANCEL-RQ), false for responses. */
    public boolean isRequest() {
        return (code & RESPONSE_BIT) == 0;
    }

    /** The command field with {@code code}, or empty if PS3.7 Table E.1-1 defines none. */
    public static Optional<CommandField> of(int code) {
        return Arrays.stream(values()).filter(field -> field.code == code).findFirst();
    }
}
