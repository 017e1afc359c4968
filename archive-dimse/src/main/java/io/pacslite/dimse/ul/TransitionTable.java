package io.pacslite.dimse.ul;

import static io.pacslite.dimse.ul.Action.*;
import static io.pacslite.dimse.ul.State.*;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * PS3.8 Section 9.2.3, Table 9-10 "DICOM Upper Layer Protocol State Transition Table",
 * transcribed as one literal table: one row per event, one column per state, as printed in
 * the standard. Each cell is the action to take and the state it leads to (the next state
 * comes from the action's definition in Tables 9-6 to 9-9; AE-6 and AR-8 carry both of
 * their branches, see {@link Transition}).
 *
 * <p>{@code __} marks a cell the standard leaves blank. Table 9-10 fills the cell of every
 * PDU event (Evt3, Evt4, Evt6, Evt10, Evt12, Evt13, Evt16, Evt19) in every state with an open
 * transport connection, so a misbehaving peer always meets a defined action (AA-1, AA-7 or
 * AA-8 for the unexpected PDU). The blank cells are therefore events that a correct local
 * user, transport and timer cannot produce in that state: a primitive issued out of turn,
 * a transport event without a connection, ARTIM expiring while not running. The standard
 * names no action for them, so {@link #lookup} returns empty and the caller treats the event
 * as its own programming error (the machine throws, see {@link UpperLayerStateMachine}),
 * rather than sending an A-ABORT the peer did nothing to deserve.
 */
public final class TransitionTable {

    private static final Transition __ = null;

    private static final Transition[][] TABLE_9_10 = {
        //           Sta1           Sta2                       Sta3            Sta4           Sta5            Sta6            Sta7                       Sta8            Sta9            Sta10            Sta11           Sta12           Sta13
        /* Evt1  */ {t(AE_1, Sta4), __,                        __,             __,            __,             __,             __,                        __,             __,             __,              __,             __,             __},
        /* Evt2  */ {__,            __,                        __,             t(AE_2, Sta5), __,             __,             __,                        __,             __,             __,              __,             __,             __},
        /* Evt3  */ {__,            t(AA_1, Sta13),            t(AA_8, Sta13), __,            t(AE_3, Sta6),  t(AA_8, Sta13), t(AA_8, Sta13),            t(AA_8, Sta13), t(AA_8, Sta13), t(AA_8, Sta13),  t(AA_8, Sta13), t(AA_8, Sta13), t(AA_6, Sta13)},
        /* Evt4  */ {__,            t(AA_1, Sta13),            t(AA_8, Sta13), __,            t(AE_4, Sta1),  t(AA_8, Sta13), t(AA_8, Sta13),            t(AA_8, Sta13), t(AA_8, Sta13), t(AA_8, Sta13),  t(AA_8, Sta13), t(AA_8, Sta13), t(AA_6, Sta13)},
        /* Evt5  */ {t(AE_5, Sta2), __,                        __,             __,            __,             __,             __,                        __,             __,             __,              __,             __,             __},
        /* Evt6  */ {__,            branch(AE_6, Sta3, Sta13), t(AA_8, Sta13), __,            t(AA_8, Sta13), t(AA_8, Sta13), t(AA_8, Sta13),            t(AA_8, Sta13), t(AA_8, Sta13), t(AA_8, Sta13),  t(AA_8, Sta13), t(AA_8, Sta13), t(AA_7, Sta13)},
        /* Evt7  */ {__,            __,                        t(AE_7, Sta6),  __,            __,             __,             __,                        __,             __,             __,              __,             __,             __},
        /* Evt8  */ {__,            __,                        t(AE_8, Sta13), __,            __,             __,             __,                        __,             __,             __,              __,             __,             __},
        /* Evt9  */ {__,            __,                        __,             __,            __,             t(DT_1, Sta6),  __,                        t(AR_7, Sta8),  __,             __,              __,             __,             __},
        /* Evt10 */ {__,            t(AA_1, Sta13),            t(AA_8, Sta13), __,            t(AA_8, Sta13), t(DT_2, Sta6),  t(AR_6, Sta7),             t(AA_8, Sta13), t(AA_8, Sta13), t(AA_8, Sta13),  t(AA_8, Sta13), t(AA_8, Sta13), t(AA_6, Sta13)},
        /* Evt11 */ {__,            __,                        __,             __,            __,             t(AR_1, Sta7),  __,                        __,             __,             __,              __,             __,             __},
        /* Evt12 */ {__,            t(AA_1, Sta13),            t(AA_8, Sta13), __,            t(AA_8, Sta13), t(AR_2, Sta8),  branch(AR_8, Sta9, Sta10), t(AA_8, Sta13), t(AA_8, Sta13), t(AA_8, Sta13),  t(AA_8, Sta13), t(AA_8, Sta13), t(AA_6, Sta13)},
        /* Evt13 */ {__,            t(AA_1, Sta13),            t(AA_8, Sta13), __,            t(AA_8, Sta13), t(AA_8, Sta13), t(AR_3, Sta1),             t(AA_8, Sta13), t(AA_8, Sta13), t(AR_10, Sta12), t(AR_3, Sta1),  t(AA_8, Sta13), t(AA_6, Sta13)},
        /* Evt14 */ {__,            __,                        __,             __,            __,             __,             __,                        t(AR_4, Sta13), t(AR_9, Sta11), __,              __,             t(AR_4, Sta13), __},
        /* Evt15 */ {__,            __,                        t(AA_1, Sta13), t(AA_2, Sta1), t(AA_1, Sta13), t(AA_1, Sta13), t(AA_1, Sta13),            t(AA_1, Sta13), t(AA_1, Sta13), t(AA_1, Sta13),  t(AA_1, Sta13), t(AA_1, Sta13), __},
        /* Evt16 */ {__,            t(AA_2, Sta1),             t(AA_3, Sta1),  __,            t(AA_3, Sta1),  t(AA_3, Sta1),  t(AA_3, Sta1),             t(AA_3, Sta1),  t(AA_3, Sta1),  t(AA_3, Sta1),   t(AA_3, Sta1),  t(AA_3, Sta1),  t(AA_2, Sta1)},
        /* Evt17 */ {__,            t(AA_5, Sta1),             t(AA_4, Sta1),  t(AA_4, Sta1), t(AA_4, Sta1),  t(AA_4, Sta1),  t(AA_4, Sta1),             t(AA_4, Sta1),  t(AA_4, Sta1),  t(AA_4, Sta1),   t(AA_4, Sta1),  t(AA_4, Sta1),  t(AR_5, Sta1)},
        /* Evt18 */ {__,            t(AA_2, Sta1),             __,             __,            __,             __,             __,                        __,             __,             __,              __,             __,             t(AA_2, Sta1)},
        /* Evt19 */ {__,            t(AA_1, Sta13),            t(AA_8, Sta13), __,            t(AA_8, Sta13), t(AA_8, Sta13), t(AA_8, Sta13),            t(AA_8, Sta13), t(AA_8, Sta13), t(AA_8, Sta13),  t(AA_8, Sta13), t(AA_8, Sta13), t(AA_7, Sta13)},
    };

    private static final Map<State, Map<Event, Transition>> CELLS = index(TABLE_9_10);

    private TransitionTable() {
    }

    /**
     * The cell of Table 9-10 for this state and event, or empty where the standard leaves
     * the cell blank.
     */
    public static Optional<Transition> lookup(State state, Event event) {
        return Optional.ofNullable(CELLS.get(state).get(event));
    }

    private static Transition t(Action action, State next) {
        return Transition.to(action, next);
    }

    private static Transition branch(Action action, State whenConditionHolds, State otherwise) {
        return new Transition(action, whenConditionHolds, otherwise);
    }

    private static Map<State, Map<Event, Transition>> index(Transition[][] rows) {
        Event[] events = Event.values();
        State[] states = State.values();
        if (rows.length != events.length) {
            throw new IllegalStateException("Table 9-10 has one row per event");
        }
        Map<State, Map<Event, Transition>> cells = new EnumMap<>(State.class);
        for (State state : states) {
            cells.put(state, new EnumMap<>(Event.class));
        }
        for (Event event : events) {
            Transition[] row = rows[event.ordinal()];
            if (row.length != states.length) {
                throw new IllegalStateException("Table 9-10 row " + event + " has one cell per state");
            }
            for (State state : states) {
                if (row[state.ordinal()] != null) {
                    cells.get(state).put(event, row[state.ordinal()]);
                }
            }
        }
        return cells;
    }
}
