package steward.compat.events;

import steward.compat.api.ProcessState;

/**
 * The payload supervisord 4.2.5 sends a listener for each event (supervisor/events.py, under
 * Python 3), character for character: process state changes with their extra fields (tries,
 * expected, pid), output chunks decoded as UTF-8 (else {@code Undecodable: b'...'}).
 */
public final class EventPayload {
    private EventPayload() {
    }

    public static String of(EngineEvent event) {
        if (event instanceof EngineEvent.ProcessStateChanged e) {
            return state(e);
        }
        if (event instanceof EngineEvent.ProcessLog e) {
            return "processname:" + e.process().name() + " groupname:" + e.process().group() + " pid:" + e.pid()
                    + " channel:" + e.stream().wireName() + "\n" + PyBytes.asStringOrUndecodable(e.data());
        }
        if (event instanceof EngineEvent.ProcessCommunication e) {
            return "processname:" + e.process().name() + " groupname:" + e.process().group() + " pid:" + e.pid()
                    + "\n" + PyBytes.asStringOrUndecodable(e.data());
        }
        if (event instanceof EngineEvent.GroupChanged e) {
            return "groupname:" + e.group() + "\n";
        }
        if (event instanceof EngineEvent.Tick e) {
            return "when:" + e.when();
        }
        if (event instanceof EngineEvent.RemoteCommunication e) {
            return "type:" + e.kind() + "\n" + e.data();
        }
        return ""; // SupervisorStateChanged
    }

    private static String state(EngineEvent.ProcessStateChanged e) {
        StringBuilder s = new StringBuilder().append("processname:").append(e.process().name())
                .append(" groupname:").append(e.process().group()).append(" from_state:").append(e.from().name());
        ProcessState to = e.to();
        switch (to) {
            case STARTING, BACKOFF -> s.append(" tries:").append(e.tries());
            case EXITED -> s.append(" expected:").append(e.expected() ? 1 : 0).append(" pid:").append(e.pid());
            case RUNNING, STOPPING, STOPPED -> s.append(" pid:").append(e.pid());
            default -> {
                // FATAL and UNKNOWN carry no extra field
            }
        }
        return s.toString();
    }

    /** Python's {@code len()} of a payload: its code points, which is what the header's len counts. */
    public static int pythonLength(String payload) {
        return payload.codePointCount(0, payload.length());
    }
}
