package steward.compat.events;

import java.util.Optional;
import steward.compat.api.ProcessState;

/**
 * Supervisor's event types (supervisor/events.py), each with its base type: a subscription to a
 * base type ({@code PROCESS_STATE}) receives every subtype ({@code PROCESS_STATE_RUNNING}).
 */
public enum EventType {
    EVENT(null),
    PROCESS_STATE(EVENT),
    PROCESS_STATE_STOPPED(PROCESS_STATE),
    PROCESS_STATE_STARTING(PROCESS_STATE),
    PROCESS_STATE_RUNNING(PROCESS_STATE),
    PROCESS_STATE_BACKOFF(PROCESS_STATE),
    PROCESS_STATE_STOPPING(PROCESS_STATE),
    PROCESS_STATE_EXITED(PROCESS_STATE),
    PROCESS_STATE_FATAL(PROCESS_STATE),
    PROCESS_STATE_UNKNOWN(PROCESS_STATE),
    PROCESS_LOG(EVENT),
    PROCESS_LOG_STDOUT(PROCESS_LOG),
    PROCESS_LOG_STDERR(PROCESS_LOG),
    PROCESS_COMMUNICATION(EVENT),
    PROCESS_COMMUNICATION_STDOUT(PROCESS_COMMUNICATION),
    PROCESS_COMMUNICATION_STDERR(PROCESS_COMMUNICATION),
    PROCESS_GROUP(EVENT),
    PROCESS_GROUP_ADDED(PROCESS_GROUP),
    PROCESS_GROUP_REMOVED(PROCESS_GROUP),
    SUPERVISOR_STATE_CHANGE(EVENT),
    SUPERVISOR_STATE_CHANGE_RUNNING(SUPERVISOR_STATE_CHANGE),
    SUPERVISOR_STATE_CHANGE_STOPPING(SUPERVISOR_STATE_CHANGE),
    TICK(EVENT),
    TICK_5(TICK),
    TICK_60(TICK),
    TICK_3600(TICK),
    REMOTE_COMMUNICATION(EVENT);

    private final EventType base;

    EventType(EventType base) {
        this.base = base;
    }

    /** The type this one is a subtype of, or empty for {@link #EVENT}. */
    public Optional<EventType> base() {
        return Optional.ofNullable(base);
    }

    /** True when a subscription to {@code subscribed} receives events of this type. */
    public boolean isA(EventType subscribed) {
        for (EventType t = this; t != null; t = t.base) {
            if (t == subscribed) {
                return true;
            }
        }
        return false;
    }

    /** {@code PROCESS_STATE_<STATE>} for a process state. */
    public static EventType of(ProcessState state) {
        return valueOf("PROCESS_STATE_" + state.name());
    }

    /** The type named {@code name} as written in {@code events=}, case-sensitive as Supervisor is. */
    public static Optional<EventType> named(String name) {
        for (EventType t : values()) {
            if (t.name().equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
