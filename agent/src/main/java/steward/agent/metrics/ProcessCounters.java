package steward.agent.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import steward.compat.api.ProcessRef;
import steward.compat.api.ProcessState;
import steward.compat.events.EngineEvent;
import steward.compat.events.EventSource;
import steward.compat.events.EventType;

/**
 * Per-process counts the engine does not keep: how often each process was started again after its
 * first start (automatic restarts, manual restarts and restarts after a reload alike). An on-loop
 * subscriber of the engine's PROCESS_STATE events; read by scrapes on another thread.
 */
public final class ProcessCounters {
    private final Map<ProcessRef, AtomicLong> starts = new ConcurrentHashMap<>();

    /** Subscribes to {@code engine}'s state changes. */
    public ProcessCounters subscribeTo(EventSource engine) {
        engine.subscribe(this::onEvent, EventSource.Delivery.onLoop("metrics"), EventType.PROCESS_STATE_STARTING);
        return this;
    }

    void onEvent(EngineEvent.Published p) {
        if (p.event() instanceof EngineEvent.ProcessStateChanged e && e.to() == ProcessState.STARTING) {
            starts.computeIfAbsent(e.process(), k -> new AtomicLong()).incrementAndGet();
        }
    }

    /** Starts after the first one. */
    public long restarts(ProcessRef process) {
        AtomicLong n = starts.get(process);
        return n == null ? 0 : Math.max(0, n.get() - 1);
    }
}
