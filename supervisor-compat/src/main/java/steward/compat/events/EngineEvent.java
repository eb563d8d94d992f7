package steward.compat.events;

import steward.compat.api.ProcessRef;
import steward.compat.api.ProcessState;
import steward.compat.api.SupervisorState;

/**
 * What happens to processes and to the daemon, in Supervisor's vocabulary and with the fields its
 * event payloads carry. The engine publishes these on its loop, in order, once the state an event
 * reports is complete; a {@link Published} gives each one its serial number.
 */
public sealed interface EngineEvent {
    EventType type();

    /** Which output stream of a process. */
    enum Stream {
        STDOUT, STDERR;

        public String wireName() {
            return this == STDOUT ? "stdout" : "stderr";
        }
    }

    /**
     * PROCESS_STATE_&lt;to&gt;. {@code tries} is the backoff count (reported with STARTING and
     * BACKOFF), {@code pid} the process id (RUNNING, STOPPING, STOPPED, EXITED), {@code expected}
     * whether an exit was expected (EXITED; for STOPPED, whether the exit status was one of
     * exitcodes). {@code detail} is what supervisord's main log says of the cause and no payload
     * carries: the exit's description ({@code exit status 1}, {@code terminated by SIGTERM}) when an
     * exit caused the change, the spawn error when a spawn failed, else empty.
     */
    record ProcessStateChanged(ProcessRef process, ProcessState from, ProcessState to, boolean expected, int pid,
            int tries, String detail) implements EngineEvent {
        public ProcessStateChanged(ProcessRef process, ProcessState from, ProcessState to, boolean expected, int pid,
                int tries) {
            this(process, from, to, expected, pid, tries, "");
        }

        @Override
        public EventType type() {
            return EventType.of(to);
        }
    }

    /** PROCESS_LOG_STDOUT/STDERR: bytes a process wrote (when its {@code *_events_enabled} is on). */
    record ProcessLog(ProcessRef process, int pid, Stream stream, byte[] data) implements EngineEvent {
        @Override
        public EventType type() {
            return stream == Stream.STDOUT ? EventType.PROCESS_LOG_STDOUT : EventType.PROCESS_LOG_STDERR;
        }
    }

    /** PROCESS_COMMUNICATION_STDOUT/STDERR: what a process wrote between the capture-mode tokens. */
    record ProcessCommunication(ProcessRef process, int pid, Stream stream, byte[] data) implements EngineEvent {
        @Override
        public EventType type() {
            return stream == Stream.STDOUT ? EventType.PROCESS_COMMUNICATION_STDOUT
                    : EventType.PROCESS_COMMUNICATION_STDERR;
        }
    }

    /** PROCESS_GROUP_ADDED/REMOVED. */
    record GroupChanged(String group, boolean added) implements EngineEvent {
        @Override
        public EventType type() {
            return added ? EventType.PROCESS_GROUP_ADDED : EventType.PROCESS_GROUP_REMOVED;
        }
    }

    /** SUPERVISOR_STATE_CHANGE_RUNNING (state RUNNING) or _STOPPING (any other state). */
    record SupervisorStateChanged(SupervisorState state) implements EngineEvent {
        @Override
        public EventType type() {
            return state == SupervisorState.RUNNING ? EventType.SUPERVISOR_STATE_CHANGE_RUNNING
                    : EventType.SUPERVISOR_STATE_CHANGE_STOPPING;
        }
    }

    /** TICK_5/60/3600, with the epoch second it fired for. */
    record Tick(int period, long when) implements EngineEvent {
        @Override
        public EventType type() {
            return switch (period) {
                case 5 -> EventType.TICK_5;
                case 60 -> EventType.TICK_60;
                default -> EventType.TICK_3600;
            };
        }
    }

    /** REMOTE_COMMUNICATION, from supervisor.sendRemoteCommEvent(type, data). */
    record RemoteCommunication(String kind, String data) implements EngineEvent {
        @Override
        public EventType type() {
            return EventType.REMOTE_COMMUNICATION;
        }
    }

    /** An event with the serial number the engine gave it when it was published (from 1, ascending). */
    record Published(long serial, EngineEvent event) {
    }
}
