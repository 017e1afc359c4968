package io.pacslite.dimse.ul;

/**
 * The states of the DICOM Upper Layer protocol machine, named and described as in PS3.8
 * Section 9.2.1, Tables 9-1 to 9-5.
 */
public enum State {
    /** Idle (PS3.8 Table 9-1, no association). */
    Sta1("Idle"),
    /** Transport connection open (Awaiting A-ASSOCIATE-RQ PDU). */
    Sta2("Transport connection open (Awaiting A-ASSOCIATE-RQ PDU)"),
    /** Awaiting local A-ASSOCIATE response primitive (from local user). */
    Sta3("Awaiting local A-ASSOCIATE response primitive (from local user)"),
    /** Awaiting transport connection opening to complete (from local transport service). */
    Sta4("Awaiting transport connection opening to complete (from local transport service)"),
    /** Awaiting A-ASSOCIATE-AC or A-ASSOCIATE-RJ PDU. */
    Sta5("Awaiting A-ASSOCIATE-AC or A-ASSOCIATE-RJ PDU"),
    /** Association established and ready for data transfer (PS3.8 Table 9-3). */
    Sta6("Association established and ready for data transfer"),
    /** Awaiting A-RELEASE-RP PDU (PS3.8 Table 9-4, association release). */
    Sta7("Awaiting A-RELEASE-RP PDU"),
    /** Awaiting local A-RELEASE response primitive (from local user). */
    Sta8("Awaiting local A-RELEASE response primitive (from local user)"),
    /** Release collision requestor side; awaiting A-RELEASE response (from local user). */
    Sta9("Release collision requestor side; awaiting A-RELEASE response (from local user)"),
    /** Release collision acceptor side; awaiting A-RELEASE-RP PDU. */
    Sta10("Release collision acceptor side; awaiting A-RELEASE-RP PDU"),
    /** Release collision requestor side; awaiting A-RELEASE-RP PDU. */
    Sta11("Release collision requestor side; awaiting A-RELEASE-RP PDU"),
    /** Release collision acceptor side; awaiting A-RELEASE response primitive (from local user). */
    Sta12("Release collision acceptor side; awaiting A-RELEASE response primitive (from local user)"),
    /**
     * Awaiting Transport Connection Close Indication (Association no longer exists)
     * (PS3.8 Table 9-5).
     */
    Sta13("Awaiting Transport Connection Close Indication (Association no longer exists)");

    private final String definition;

    State(String definition) {
        this.definition = definition;
    }

    /** The state's definition as worded in PS3.8 Section 9.2.1. */
    public String definition() {
        return definition;
    }
}
