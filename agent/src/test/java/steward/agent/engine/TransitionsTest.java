package steward.agent.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import steward.compat.api.ProcessState;

/** One case per (from, to) cell: exactly Supervisor's transitions are allowed (supervisor.md §2.2). */
class TransitionsTest {
    private static final Set<String> ALLOWED = Set.of(
            "STOPPED>STARTING",
            "STARTING>RUNNING", "STARTING>BACKOFF", "STARTING>STOPPING",
            "RUNNING>EXITED", "RUNNING>STOPPING",
            "BACKOFF>STARTING", "BACKOFF>FATAL", "BACKOFF>STOPPED",
            "STOPPING>STOPPED",
            "EXITED>STARTING",
            "FATAL>STARTING",
            "STOPPED>UNKNOWN", "STARTING>UNKNOWN", "RUNNING>UNKNOWN", "BACKOFF>UNKNOWN", "STOPPING>UNKNOWN",
            "EXITED>UNKNOWN", "FATAL>UNKNOWN");

    static Stream<Arguments> cells() {
        return Stream.of(ProcessState.values())
                .flatMap(from -> Stream.of(ProcessState.values()).map(to -> Arguments.of(from, to)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("cells")
    void onlySupervisorsTransitionsAreAllowed(ProcessState from, ProcessState to) {
        assertEquals(ALLOWED.contains(from + ">" + to), Transitions.allowed(from, to));
    }
}
