package io.pacslite.dimse.ul;

import java.util.Objects;

/**
 * One cell of PS3.8 Table 9-10: the action to take and the state it leads to.
 *
 * <p>Two actions branch (PS3.8 Section 9.2.2): AE-6 leads to {@link #next()} (Sta3) when
 * the A-ASSOCIATE-RQ is acceptable to the service-provider and to {@link #otherwise()}
 * (Sta13) when it is not; AR-8 leads to {@code next} (Sta9) on the association-requestor
 * side and to {@code otherwise} (Sta10) on the acceptor side. For every other cell the two
 * are the same state. {@link UpperLayerStateMachine} always hands back a resolved
 * transition, one whose two states are equal.
 *
 * @param action    the action, PS3.8 Tables 9-6 to 9-9
 * @param next      the next state, or the next state when the action's condition holds
 * @param otherwise the next state when the action's condition does not hold
 */
public record Transition(Action action, State next, State otherwise) {

    /** Checks that no component is null. */
    public Transition {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(otherwise, "otherwise");
    }

    /** A cell whose action always leads to the same state. */
    public static Transition to(Action action, State next) {
        return new Transition(action, next, next);
    }

    /** Whether the next state depends on the action's condition (AE-6 and AR-8). */
    public boolean branches() {
        return next != otherwise;
    }

    /** This transition with the action's condition decided: {@code next} if it holds, else {@code otherwise}. */
    public Transition resolve(boolean conditionHolds) {
        return to(action, conditionHolds ? next : otherwise);
    }

    /**
     * Whether the caller must (re)start the ARTIM timer: the action says so, or this is AE-6
     * resolved to its reject branch ("issue A-ASSOCIATE-RJ-PDU and start ARTIM timer").
     */
    public boolean startsArtim() {
        return action.startsArtim() || (action == Action.AE_6 && !branches() && next == State.Sta13);
    }

    /** Whether the caller must stop the ARTIM timer; if it also starts, stop comes first. */
    public boolean stopsArtim() {
        return action.stopsArtim();
    }
}
