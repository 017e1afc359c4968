package io.pacslite.dimse.ul;

/**
 * The DICOM Upper Layer protocol machine of one transport connection (PS3.8 Section 9.2):
 * the current state, moved on by events according to {@link TransitionTable} (PS3.8 Table
 * 9-10). It performs no action itself; {@link #handle} returns the transition and the
 * caller carries out the action (sends the PDU, issues the primitive, closes the connection,
 * starts or stops the ARTIM timer as {@link Transition#startsArtim()} and
 * {@link Transition#stopsArtim()} say, and raises {@link Event#Evt18} when it expires).
 *
 * <p>Starts in {@link State#Sta1} (Idle). An event whose cell Table 9-10 leaves blank is
 * refused with {@link IllegalStateException} and the state is left as it was; see
 * {@link TransitionTable} for why. Once an association has ended back in Sta1, only Evt1 or
 * Evt5 (a new connection) are accepted.
 *
 * <p>Not thread-safe: confine an instance to the one thread that reads the connection and
 * runs its events, as PS3.8 treats events as arriving one at a time.
 */
public final class UpperLayerStateMachine {

    private State state;
    private boolean requestor;

    /** A machine in Sta1 (Idle), before any association. */
    public UpperLayerStateMachine() {
        this(State.Sta1, false);
    }

    /** A machine already in {@code state}, on the given side; lets a test reach any cell in one step. */
    UpperLayerStateMachine(State state, boolean requestor) {
        this.state = state;
        this.requestor = requestor;
    }

    /** The current state. */
    public State state() {
        return state;
    }

    /**
     * Whether this side is the association-requestor (it left Sta1 on Evt1, A-ASSOCIATE
     * request from the local user) rather than the acceptor (it left Sta1 on Evt5). AR-8
     * needs this to choose between Sta9 and Sta10.
     */
    public boolean isRequestor() {
        return requestor;
    }

    /**
     * Applies the Table 9-10 cell for the current state and {@code event} and moves to its
     * next state.
     *
     * @return the transition taken, resolved to a single next state
     * @throws IllegalArgumentException for {@link Event#Evt6}; use
     *         {@link #handleAssociateRequest(boolean)}, which needs the service-provider's verdict
     * @throws IllegalStateException    if Table 9-10 leaves the cell blank
     */
    public Transition handle(Event event) {
        if (event == Event.Evt6) {
            throw new IllegalArgumentException(
                    "Evt6 (A-ASSOCIATE-RQ PDU) needs handleAssociateRequest(acceptable) for AE-6");
        }
        return apply(event, requestor);
    }

    /**
     * Applies {@link Event#Evt6}, an A-ASSOCIATE-RQ PDU received. In Sta2 this is AE-6, whose
     * branch depends on whether the request is acceptable to the service-provider (PS3.8
     * Table 9-6): Sta3 if it is, Sta13 after an A-ASSOCIATE-RJ PDU if not. In other states
     * the verdict does not matter.
     *
     * @throws IllegalStateException if Table 9-10 leaves the cell blank (Sta1, Sta4)
     */
    public Transition handleAssociateRequest(boolean acceptable) {
        return apply(Event.Evt6, acceptable);
    }

    private Transition apply(Event event, boolean conditionHolds) {
        Transition cell = TransitionTable.lookup(state, event)
                .orElseThrow(() -> new IllegalStateException(
                        "PS3.8 Table 9-10 defines no action for " + event + " (" + event.definition()
                                + ") in " + state + " (" + state.definition() + ")"));
        Transition taken = cell.resolve(conditionHolds);
        if (state == State.Sta1) {
            requestor = event == Event.Evt1;
        }
        state = taken.next();
        return taken;
    }
}
