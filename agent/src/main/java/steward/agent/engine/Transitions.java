package steward.agent.engine;

import static steward.compat.api.ProcessState.BACKOFF;
import static steward.compat.api.ProcessState.EXITED;
import static steward.compat.api.ProcessState.FATAL;
import static steward.compat.api.ProcessState.RUNNING;
import static steward.compat.api.ProcessState.STARTING;
import static steward.compat.api.ProcessState.STOPPED;
import static steward.compat.api.ProcessState.STOPPING;
import static steward.compat.api.ProcessState.UNKNOWN;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import steward.compat.api.ProcessState;

/**
 * Supervisor's process state machine as one table: which state may follow which
 * (supervisor.md §2.2). {@link ProcessRunner} asks it before every change; a pair that is not
 * listed is refused.
 */
final class Transitions {
    private static final Map<ProcessState, EnumSet<ProcessState>> NEXT = new EnumMap<>(ProcessState.class);

    static {
        NEXT.put(STOPPED, EnumSet.of(STARTING, UNKNOWN));
        NEXT.put(STARTING, EnumSet.of(RUNNING, BACKOFF, STOPPING, UNKNOWN));
        NEXT.put(RUNNING, EnumSet.of(EXITED, STOPPING, UNKNOWN));
        NEXT.put(BACKOFF, EnumSet.of(STARTING, FATAL, STOPPED, UNKNOWN));
        NEXT.put(STOPPING, EnumSet.of(STOPPED, UNKNOWN));
        NEXT.put(EXITED, EnumSet.of(STARTING, UNKNOWN));
        NEXT.put(FATAL, EnumSet.of(STARTING, UNKNOWN));
        NEXT.put(UNKNOWN, EnumSet.noneOf(ProcessState.class));
    }

    private Transitions() {
    }

    static boolean allowed(ProcessState from, ProcessState to) {
        return NEXT.get(from).contains(to);
    }
}
