package steward.agent.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import steward.compat.api.ProcessRef;
import steward.compat.api.ProcessState;

/**
 * Per-process counts the engine does not keep: how often each process was started again after its
 * first start (automatic restarts, manual restarts and restarts after a reload alike). Fed by the
 * engine's state changes on its thread; read by scrapes on another.
 */
public final class ProcessCounters {
    private final Map<ProcessRef, AtomicLong> starts = new ConcurrentHashMap<>();

    /** A state change of {@code process}: every entry into STARTING is a start. */
    public void stateChanged(ProcessRef process, ProcessState from, ProcessState to) {
        if (to == ProcessState.STARTING) {
            starts.computeIfAbsent(process, k -> new AtomicLong()).incrementAndGet();
        }
    }

    /** Starts after the first one. */
    public long restarts(ProcessRef process) {
        AtomicLong n = starts.get(process);
        return n == null ? 0 : Math.max(0, n.get() - 1);
    }
}
