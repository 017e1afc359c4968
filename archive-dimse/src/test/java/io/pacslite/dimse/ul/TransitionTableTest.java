package io.pacslite.dimse.ul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One test per cell of PS3.8 Table 9-10: 13 states by 19 events, 247 cases.
 *
 * <p>The expected values come from a second, independent transcription of the standard kept
 * as test resources: {@code table-9-10.csv} is Table 9-10 in its printed shape (actions
 * only) and {@code actions-next-state.csv} gives each action's next state from Tables 9-6
 * to 9-9. The duplication is deliberate: a slip in either transcription of the standard
 * makes the two disagree and fails the cell's test.
 *
 * <p>Each cell is checked twice: the table's answer, and a machine placed in the state and
 * given the event. Blank cells must have no transition, and the machine must refuse the
 * event without moving (see {@link TransitionTable}).
 */
class TransitionTableTest {

    private static final Map<String, State[]> NEXT_STATES = nextStates();

    static Stream<Arguments> cells() {
        List<Arguments> cells = new ArrayList<>();
        List<String[]> rows = csv("table-9-10.csv");
        String[] header = rows.getFirst();
        for (String[] row : rows.subList(1, rows.size())) {
            Event event = Event.valueOf(row[0]);
            for (int column = 1; column < header.length; column++) {
                State state = State.valueOf(header[column]);
                String action = column < row.length ? row[column] : "";
                cells.add(Arguments.of(state, event, action));
            }
        }
        return cells.stream();
    }

    @Test
    void transcriptionCoversEveryCell() {
        assertThat(cells()).hasSize(State.values().length * Event.values().length).hasSize(247);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("cells")
    void cellMatchesStandard(State state, Event event, String expectedAction) {
        Optional<Transition> cell = TransitionTable.lookup(state, event);
        if (expectedAction.isEmpty()) {
            assertThat(cell).isEmpty();
            UpperLayerStateMachine machine = new UpperLayerStateMachine(state, true);
            assertThatThrownBy(() -> give(machine, event, true))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(event.name())
                    .hasMessageContaining(state.name());
            assertThat(machine.state()).isEqualTo(state);
            return;
        }
        State[] next = NEXT_STATES.get(expectedAction);
        assertThat(cell).hasValueSatisfying(transition -> {
            assertThat(transition.action().label()).isEqualTo(expectedAction);
            assertThat(transition.next()).isEqualTo(next[0]);
            assertThat(transition.otherwise()).isEqualTo(next[1]);
        });
        for (boolean condition : new boolean[] {true, false}) {
            UpperLayerStateMachine machine = new UpperLayerStateMachine(state, condition);
            Transition taken = give(machine, event, condition);
            State expected = condition ? next[0] : next[1];
            assertThat(taken).isEqualTo(Transition.to(cell.orElseThrow().action(), expected));
            assertThat(machine.state()).isEqualTo(expected);
        }
    }

    @Test
    void artimStartsAndStopsPerActionDefinitions() {
        EnumSet<Action> starts = EnumSet.of(Action.AE_5, Action.AE_8, Action.AR_4, Action.AA_1, Action.AA_8);
        EnumSet<Action> stops = EnumSet.of(Action.AE_6, Action.AR_5, Action.AA_2, Action.AA_5);
        for (Action action : Action.values()) {
            assertThat(action.startsArtim()).as("%s starts ARTIM", action)
                    .isEqualTo(starts.contains(action));
            assertThat(action.stopsArtim()).as("%s stops ARTIM", action).isEqualTo(stops.contains(action));
        }
    }

    @Test
    void associateRequestRejectedByProviderRestartsArtim() {
        Transition reject = new UpperLayerStateMachine(State.Sta2, false).handleAssociateRequest(false);
        Transition accept = new UpperLayerStateMachine(State.Sta2, false).handleAssociateRequest(true);

        assertThat(reject.stopsArtim()).isTrue();
        assertThat(reject.startsArtim()).isTrue();
        assertThat(accept.stopsArtim()).isTrue();
        assertThat(accept.startsArtim()).isFalse();
    }

    @Test
    void everyActionIsUsedByTheTable() {
        EnumSet<Action> used = EnumSet.noneOf(Action.class);
        for (State state : State.values()) {
            for (Event event : Event.values()) {
                TransitionTable.lookup(state, event).ifPresent(t -> used.add(t.action()));
            }
        }
        assertThat(used).containsExactlyInAnyOrder(Action.values());
    }

    private static Transition give(UpperLayerStateMachine machine, Event event, boolean acceptable) {
        return event == Event.Evt6 ? machine.handleAssociateRequest(acceptable) : machine.handle(event);
    }

    private static Map<String, State[]> nextStates() {
        Map<String, State[]> next = new HashMap<>();
        List<String[]> rows = csv("actions-next-state.csv");
        for (String[] row : rows.subList(1, rows.size())) {
            next.put(row[0], new State[] {State.valueOf(row[1]), State.valueOf(row[2])});
        }
        assertThat(next.keySet()).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(Action.values()).map(Action::label).toList());
        return next;
    }

    private static List<String[]> csv(String name) {
        try (InputStream in = TransitionTableTest.class.getResourceAsStream(name);
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.split(",", -1))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
