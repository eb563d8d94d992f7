package steward.agent.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import steward.agent.engine.ProcessTable.Trigger;
import steward.compat.api.ProcessState;
import steward.compat.config.ProcessConfig;

/**
 * One case per (state, trigger) cell of the process table, on a hand-moved clock with fake
 * children: what a real runner does when the trigger reaches it in that state. "none" is no state
 * change and no fault; "fault X" a refusal or failure as the caller sees it (FAILED for a pair
 * with no row); otherwise the states entered, in order. Supervisor's semantics (supervisor.md §2.2):
 * startsecs 1, startretries 3, autorestart unexpected (so an unexpected exit after a second
 * restarts at once), exitcodes 0.
 */
class ProcessTableTest {
    private static final Map<String, String> CELLS = new LinkedHashMap<>();

    private static void row(ProcessState s, String... outcomes) {
        Trigger[] t = Trigger.values();
        if (outcomes.length != t.length) {
            throw new IllegalArgumentException(s + ": " + outcomes.length + " outcomes for " + t.length + " triggers");
        }
        for (int i = 0; i < t.length; i++) {
            CELLS.put(s + " " + t[i], outcomes[i]);
        }
    }

    static {
        String noRow = "fault FAILED";
        // START, STOP, DRAIN, SIGNAL, SHUTDOWN, SPAWN_FAILED, STARTSECS_ELAPSED, EXITED_TOO_QUICKLY, EXITED_EXPECTED,
        // EXITED_UNEXPECTED, BACKOFF_ELAPSED, RESTART_DUE, STOPWAIT_ELAPSED, READY, READY_TIMEOUT
        // (READY and READY_TIMEOUT in STARTING: no change of their own; ReadinessTableTest follows them)
        row(ProcessState.STOPPED, "STARTING", "fault NOT_RUNNING", "fault NOT_RUNNING", "fault NOT_RUNNING", "none", noRow, noRow,
                noRow, noRow, noRow, noRow, noRow, noRow, noRow, noRow);
        row(ProcessState.STARTING, "fault ALREADY_STARTED", "STOPPING", "STOPPING,STOPPED", "none", "STOPPING", "BACKOFF", "RUNNING",
                "BACKOFF", "RUNNING,EXITED", "RUNNING,EXITED,STARTING", noRow, noRow, noRow, "none", "none");
        row(ProcessState.RUNNING, "fault ALREADY_STARTED", "STOPPING", "STOPPING,STOPPED", "none", "STOPPING", noRow, noRow,
                noRow, "EXITED", "EXITED,STARTING", noRow, noRow, noRow, noRow, noRow);
        row(ProcessState.BACKOFF, "fault ALREADY_STARTED", "STOPPED", "STOPPED", "fault NOT_RUNNING", "FATAL", noRow, noRow,
                noRow, noRow, noRow, "STARTING", noRow, noRow, noRow, noRow);
        row(ProcessState.STOPPING, "none", "fault NOT_RUNNING", "fault NOT_RUNNING", "none", "none", noRow, noRow,
                noRow, "STOPPED", "STOPPED", noRow, noRow, "none", noRow, noRow);
        row(ProcessState.EXITED, "STARTING", "fault NOT_RUNNING", "fault NOT_RUNNING", "fault NOT_RUNNING", "none", noRow, noRow,
                noRow, noRow, noRow, noRow, "STARTING", noRow, noRow, noRow);
        row(ProcessState.FATAL, "STARTING", "fault NOT_RUNNING", "fault NOT_RUNNING", "fault NOT_RUNNING", "none", noRow, noRow,
                noRow, noRow, noRow, noRow, noRow, noRow, noRow, noRow);
        row(ProcessState.UNKNOWN, "fault FAILED", "fault NOT_RUNNING", "fault NOT_RUNNING", "fault NOT_RUNNING", "none", noRow, noRow,
                noRow, "none", "none", noRow, noRow, noRow, noRow, noRow);
    }

    static ProcessConfig config() {
        return Programs.with(new Programs(java.nio.file.Path.of("/tmp")).program("p", "/bin/sleep 1000"),
                b -> b.startsecs(1).startretries(3).exitcodes(0));
    }

    static Stream<Arguments> cells() {
        return CELLS.entrySet().stream().map(e -> {
            String[] k = e.getKey().split(" ");
            return Arguments.of(ProcessState.valueOf(k[0]), Trigger.valueOf(k[1]), e.getValue());
        });
    }

    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @MethodSource("cells")
    void cell(ProcessState state, Trigger trigger, String expected) {
        TableHarness h = new TableHarness(config()).into(state);
        assertEquals(expected, h.apply(trigger));
    }

    @ParameterizedTest(name = "{0} + {1}: a row exactly when not refused")
    @MethodSource("cells")
    void aPairHasARowExactlyWhenItIsNotRefused(ProcessState state, Trigger trigger, String expected) {
        assertEquals(!expected.startsWith("fault "), ProcessTable.action(state, trigger).isPresent());
    }

    @ParameterizedTest(name = "{0} + {1}: the row goes where the table says")
    @MethodSource("cells")
    void eachRowGoesToItsNextState(ProcessState state, Trigger trigger, String expected) {
        ProcessTable.Row row = ProcessTable.row(state, trigger).orElse(null);
        if (row == null || expected.startsWith("fault ")) {
            return;
        }
        if (expected.equals("none")) {
            // a row that stays, or one whose action holds the move back (not ready yet, shutting down)
            assertTrue(row.next() == state || HOLDS_BACK.contains(row.action()), row.toString());
        } else {
            assertTrue(List.of(expected.split(",")).contains(row.next().name()), row + " entered " + expected);
        }
    }

    private static final Set<ProcessTable.Action> HOLDS_BACK = Set.of(ProcessTable.Action.RUN_WHEN_READY,
            ProcessTable.Action.RUN_IF_HELD, ProcessTable.Action.RESPAWN);
}
