package io.pacslite.dimse.message;

/**
 * A DIMSE Status (0000,0900) code, PS3.7 Annex C. Codes without a constant here are as valid
 * as those with one: {@link #type()} classifies any code.
 */
public record Status(int code) {

    /** PS3.7 C.1. */
    public static final Status SUCCESS = new Status(0x0000);
    /** PS3.7 C.2: a matching or sub-operation result follows. */
    public static final Status PENDING = new Status(0xFF00);
    /** PS3.7 C.2: pending, some optional keys were not supported. */
    public static final Status PENDING_WARNING = new Status(0xFF01);
    /** PS3.7 C.3. */
    public static final Status CANCEL = new Status(0xFE00);
    /** PS3.7 C.4: Attribute list error. */
    public static final Status ATTRIBUTE_LIST_ERROR = new Status(0x0107);
    /** PS3.7 C.4: Attribute Value Out of Range. */
    public static final Status ATTRIBUTE_VALUE_OUT_OF_RANGE = new Status(0x0116);
    /** PS3.4 Table B.2-1: Coercion of Data Elements (C-STORE warning). */
    public static final Status COERCION_OF_DATA_ELEMENTS = new Status(0xB000);
    /** PS3.4 Table B.2-1: Elements Discarded (C-STORE warning). */
    public static final Status ELEMENTS_DISCARDED = new Status(0xB006);
    /** PS3.4 Table B.2-1: Data Set does not match SOP Class (C-STORE warning). */
    public static final Status DATA_SET_DOES_NOT_MATCH_SOP_CLASS_WARNING = new Status(0xB007);
    /** PS3.7 C.5: Processing failure. */
    public static final Status PROCESSING_FAILURE = new Status(0x0110);
    /** PS3.7 C.5: Duplicate SOP Instance. */
    public static final Status DUPLICATE_SOP_INSTANCE = new Status(0x0111);
    /** PS3.7 C.5: No such SOP Instance. */
    public static final Status NO_SUCH_SOP_INSTANCE = new Status(0x0112);
    /** PS3.7 C.5: No such SOP Class. */
    public static final Status NO_SUCH_SOP_CLASS = new Status(0x0118);
    /** PS3.7 C.5: SOP Class not supported. */
    public static final Status SOP_CLASS_NOT_SUPPORTED = new Status(0x0122);
    /** PS3.7 C.5: Not authorized. */
    public static final Status NOT_AUTHORIZED = new Status(0x0124);
    /** PS3.7 C.5: Duplicate invocation (Message ID already in use). */
    public static final Status DUPLICATE_INVOCATION = new Status(0x0210);
    /** PS3.7 C.5: Unrecognized operation. */
    public static final Status UNRECOGNIZED_OPERATION = new Status(0x0211);
    /** PS3.7 C.5: Mistyped argument. */
    public static final Status MISTYPED_ARGUMENT = new Status(0x0212);
    /** PS3.7 C.5: Resource limitation. */
    public static final Status RESOURCE_LIMITATION = new Status(0x0213);
    /** PS3.4 Table B.2-1: Refused: Out of Resources (C-STORE). */
    public static final Status OUT_OF_RESOURCES = new Status(0xA700);
    /** PS3.4 Table B.2-1: Error: Data Set does not match SOP Class (C-STORE). */
    public static final Status DATA_SET_DOES_NOT_MATCH_SOP_CLASS = new Status(0xA900);
    /** PS3.4 Table C.4-3 and C.4-2: Refused: Out of Resources, unable to perform sub-operations (C-GET, C-MOVE). */
    public static final Status UNABLE_TO_PERFORM_SUB_OPERATIONS = new Status(0xA702);
    /** PS3.4 Table C.4-2: Refused: Move Destination unknown (C-MOVE). */
    public static final Status MOVE_DESTINATION_UNKNOWN = new Status(0xA801);
    /** PS3.4 Tables C.4-1 to C.4-3: Error: Identifier does not match SOP Class (C-FIND, C-GET, C-MOVE). */
    public static final Status IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS = new Status(0xA900);
    /** PS3.4 Tables C.4-2 and C.4-3: Warning: Sub-operations complete, one or more failures or warnings. */
    public static final Status SUB_OPERATIONS_COMPLETE_WITH_FAILURES = new Status(0xB000);
    /** PS3.4 Table B.2-1: Error: Cannot understand (C-STORE; any Cxxx). */
    public static final Status CANNOT_UNDERSTAND = new Status(0xC000);
    /** PS3.4 Tables C.4-1 to C.4-3: Failed: Unable to process (C-FIND, C-GET, C-MOVE; any Cxxx). */
    public static final Status UNABLE_TO_PROCESS = new Status(0xC000);

    /** A status with the 16-bit {@code code}. */
    public Status {
        if (code < 0 || code > 0xFFFF) {
            throw new IllegalArgumentException("status code out of range 0000-FFFF: " + code);
        }
    }

    /**
     * The class PS3.7 Annex C puts this code in: 0000 success; FF00 and FF01 pending; FE00
     * cancel; 0001, 0107, 0116 and Bxxx warning; everything else (Axxx, Cxxx, 01xx, 02xx and
     * codes not yet assigned) failure, so an unknown code is never mistaken for success.
     */
    public StatusType type() {
        if (code == 0x0000) {
            return StatusType.SUCCESS;
        }
        if (code == 0xFF00 || code == 0xFF01) {
            return StatusType.PENDING;
        }
        if (code == 0xFE00) {
            return StatusType.CANCEL;
        }
        if (code == 0x0001 || code == 0x0107 || code == 0x0116 || (code & 0xF000) == 0xB000) {
            return StatusType.WARNING;
        }
        return StatusType.FAILURE;
    }

    /** The code as four hex digits and its class, for logs: {@code A700 FAILURE}. */
    @Override
    public String toString() {
        return String.format("%04X %s", code, type());
    }
}
