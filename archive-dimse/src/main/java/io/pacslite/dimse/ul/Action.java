package io.pacslite.dimse.ul;

/**
 * The actions of the DICOM Upper Layer protocol machine, PS3.8 Section 9.2.2, Tables 9-6
 * (association establishment), 9-7 (data transfer), 9-8 (association release) and 9-9
 * (association abort). The constant {@code AE_1} is the standard's AE-1, and so on.
 *
 * <p>The state an action leads to is given with each action below, as the standard gives
 * it; the machine takes it from {@link TransitionTable}, where AE-6 and AR-8 carry both of
 * their possible next states.
 *
 * <p>The ARTIM timer (PS3.8 Section 9.1.5) is run by the caller; {@link #startsArtim()} and
 * {@link #stopsArtim()} say what each action's definition asks of it.
 */
public enum Action {
    /** Issue TRANSPORT CONNECT request primitive to local transport service. Next state is Sta4. */
    AE_1("AE-1", false, false),
    /** Send A-ASSOCIATE-RQ-PDU. Next state is Sta5. */
    AE_2("AE-2", false, false),
    /** Issue A-ASSOCIATE confirmation (accept) primitive. Next state is Sta6. */
    AE_3("AE-3", false, false),
    /**
     * Issue A-ASSOCIATE confirmation (reject) primitive and close transport connection.
     * Next state is Sta1.
     */
    AE_4("AE-4", false, false),
    /** Issue Transport connection response primitive; start ARTIM timer. Next state is Sta2. */
    AE_5("AE-5", true, false),
    /**
     * Stop ARTIM timer and if A-ASSOCIATE-RQ acceptable by service-provider: issue
     * A-ASSOCIATE indication primitive, next state is Sta3; otherwise: issue A-ASSOCIATE-RJ
     * PDU and start ARTIM timer, next state is Sta13. {@link #startsArtim()} is false because
     * only the reject branch starts the timer; see {@link Transition#startsArtim()}.
     */
    AE_6("AE-6", false, true),
    /** Send A-ASSOCIATE-AC PDU. Next state is Sta6. */
    AE_7("AE-7", false, false),
    /** Send A-ASSOCIATE-RJ PDU and start ARTIM timer. Next state is Sta13. */
    AE_8("AE-8", true, false),

    /** Send P-DATA-TF PDU. Next state is Sta6. */
    DT_1("DT-1", false, false),
    /** Send P-DATA indication primitive. Next state is Sta6. */
    DT_2("DT-2", false, false),

    /** Send A-RELEASE-RQ PDU. Next state is Sta7. */
    AR_1("AR-1", false, false),
    /** Issue A-RELEASE indication primitive. Next state is Sta8. */
    AR_2("AR-2", false, false),
    /** Issue A-RELEASE confirmation primitive, and close transport connection. Next state is Sta1. */
    AR_3("AR-3", false, false),
    /** Issue A-RELEASE-RP PDU and start ARTIM timer. Next state is Sta13. */
    AR_4("AR-4", true, false),
    /** Stop ARTIM timer. Next state is Sta1. */
    AR_5("AR-5", false, true),
    /** Issue P-DATA indication. Next state is Sta7. */
    AR_6("AR-6", false, false),
    /** Issue P-DATA-TF PDU. Next state is Sta8. */
    AR_7("AR-7", false, false),
    /**
     * Issue A-RELEASE indication (release collision): if association-requestor, next state is
     * Sta9; if not, next state is Sta10.
     */
    AR_8("AR-8", false, false),
    /** Send A-RELEASE-RP PDU. Next state is Sta11. */
    AR_9("AR-9", false, false),
    /** Issue A-RELEASE confirmation primitive. Next state is Sta12. */
    AR_10("AR-10", false, false),

    /**
     * Send A-ABORT PDU (service-user source) and start (or restart if already started) ARTIM
     * timer. Next state is Sta13.
     */
    AA_1("AA-1", true, false),
    /** Stop ARTIM timer if running. Close transport connection. Next state is Sta1. */
    AA_2("AA-2", false, true),
    /**
     * If (service-user initiated abort): issue A-ABORT indication and close transport
     * connection; otherwise (service-provider initiated abort): issue A-P-ABORT indication and
     * close transport connection. Next state is Sta1.
     */
    AA_3("AA-3", false, false),
    /** Issue A-P-ABORT indication primitive. Next state is Sta1. */
    AA_4("AA-4", false, false),
    /** Stop ARTIM timer. Next state is Sta1. */
    AA_5("AA-5", false, true),
    /** Ignore PDU. Next state is Sta13. */
    AA_6("AA-6", false, false),
    /** Send A-ABORT PDU. Next state is Sta13. */
    AA_7("AA-7", false, false),
    /**
     * Send A-ABORT PDU (service-provider source), issue an A-P-ABORT indication, and start
     * ARTIM timer. Next state is Sta13.
     */
    AA_8("AA-8", true, false);

    private final String label;
    private final boolean startsArtim;
    private final boolean stopsArtim;

    Action(String label, boolean startsArtim, boolean stopsArtim) {
        this.label = label;
        this.startsArtim = startsArtim;
        this.stopsArtim = stopsArtim;
    }

    /** The action's name as printed in PS3.8, for example {@code "AR-10"}. */
    public String label() {
        return label;
    }

    /** Whether the action's definition (re)starts the ARTIM timer on every branch. */
    public boolean startsArtim() {
        return startsArtim;
    }

    /** Whether the action's definition stops the ARTIM timer ("if running" for AA-2). */
    public boolean stopsArtim() {
        return stopsArtim;
    }

    /** The label as printed in PS3.8. */
    @Override
    public String toString() {
        return label;
    }
}
