package io.pacslite.dimse.ul;

/**
 * The events that drive the DICOM Upper Layer protocol machine, named and described as in
 * PS3.8 Section 9.2.3, Table 9-10 (the table's rows).
 */
public enum Event {
    /** A-ASSOCIATE Request (local user). */
    Evt1("A-ASSOCIATE Request (local user)"),
    /** Transport Connect Confirm (local transport service). */
    Evt2("Transport Connect Confirm (local transport service)"),
    /** A-ASSOCIATE-AC PDU (received on transport connection). */
    Evt3("A-ASSOCIATE-AC PDU (received on transport connection)"),
    /** A-ASSOCIATE-RJ PDU (received on transport connection). */
    Evt4("A-ASSOCIATE-RJ PDU (received on transport connection)"),
    /** Transport Connection Indication (local transport service). */
    Evt5("Transport Connection Indication (local transport service)"),
    /** A-ASSOCIATE-RQ PDU (received on transport connection). */
    Evt6("A-ASSOCIATE-RQ PDU (received on transport connection)"),
    /** A-ASSOCIATE response primitive (accept). */
    Evt7("A-ASSOCIATE response primitive (accept)"),
    /** A-ASSOCIATE response primitive (reject). */
    Evt8("A-ASSOCIATE response primitive (reject)"),
    /** P-DATA request primitive. */
    Evt9("P-DATA request primitive"),
    /** P-DATA-TF PDU (received on transport connection). */
    Evt10("P-DATA-TF PDU"),
    /** A-RELEASE Request primitive. */
    Evt11("A-RELEASE Request primitive"),
    /** A-RELEASE-RQ PDU (received on open transport connection). */
    Evt12("A-RELEASE-RQ PDU (received on open transport connection)"),
    /** A-RELEASE-RP PDU (received on transport connection). */
    Evt13("A-RELEASE-RP PDU (received on transport connection)"),
    /** A-RELEASE Response primitive. */
    Evt14("A-RELEASE Response primitive"),
    /** A-ABORT Request primitive. */
    Evt15("A-ABORT Request primitive"),
    /** A-ABORT PDU (received on open transport connection). */
    Evt16("A-ABORT PDU (received on open transport connection)"),
    /** Transport connection closed indication (local transport service). */
    Evt17("Transport connection closed indication (local transport service)"),
    /** ARTIM timer expired (Association reject/release timer). */
    Evt18("ARTIM timer expired (Association reject/release timer)"),
    /** Unrecognized or invalid PDU received. */
    Evt19("Unrecognized or invalid PDU received");

    private final String definition;

    Event(String definition) {
        this.definition = definition;
    }

    /** The event's definition as worded in PS3.8 Table 9-10. */
    public String definition() {
        return definition;
    }
}
