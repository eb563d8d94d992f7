package steward.compat.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * One {@code [eventlistener:x]} section → its pool, as Supervisor 4.2.5 reads it: {@code priority}
 * (default -1, so pools start first and stop last), {@code buffer_size} (default 10, at least 1),
 * {@code result_handler}, {@code events} (required, known type names, any case), no
 * {@code redirect_stderr}; then every program key for the pool's processes.
 */
final class ListenerParser {
    /** The only result handler Steward runs: OK accepts, anything else rejects (the event is re-sent). */
    static final String DEFAULT_HANDLER = "supervisor.dispatchers:default_handler";

    /** Supervisor's EventTypes names (steward.compat.events.EventType has the same, with base types). */
    static final List<String> EVENT_NAMES = List.of("EVENT", "PROCESS_STATE", "PROCESS_STATE_STOPPED",
            "PROCESS_STATE_STARTING", "PROCESS_STATE_RUNNING", "PROCESS_STATE_BACKOFF", "PROCESS_STATE_STOPPING",
            "PROCESS_STATE_EXITED", "PROCESS_STATE_FATAL", "PROCESS_STATE_UNKNOWN", "PROCESS_LOG",
            "PROCESS_LOG_STDOUT", "PROCESS_LOG_STDERR", "PROCESS_COMMUNICATION", "PROCESS_COMMUNICATION_STDOUT",
            "PROCESS_COMMUNICATION_STDERR", "PROCESS_GROUP", "PROCESS_GROUP_ADDED", "PROCESS_GROUP_REMOVED",
            "SUPERVISOR_STATE_CHANGE", "SUPERVISOR_STATE_CHANGE_RUNNING", "SUPERVISOR_STATE_CHANGE_STOPPING", "TICK",
            "TICK_5", "TICK_60", "TICK_3600", "REMOTE_COMMUNICATION");

    private ListenerParser() {
    }

    static GroupConfig parse(ParseContext ctx, String section, Map<String, Object> names) throws ConfError {
        SectionValues v = ctx.values(section);
        String poolName = section.substring(section.indexOf(':') + 1);
        int priority = v.get("priority", "-1", names, Values::integer);
        int bufferSize = v.get("buffer_size", "10", names, Values::integer);
        if (bufferSize < 1) {
            throw v.error("buffer_size", "[" + section + "] section sets invalid buffer_size (" + bufferSize + ")");
        }
        String handler = v.text("result_handler", DEFAULT_HANDLER, names);
        if (!Py.strip(handler).equals(DEFAULT_HANDLER)) {
            throw v.error("result_handler", handler + " cannot be resolved within [" + section + "] (Steward runs "
                    + "no Python: only " + DEFAULT_HANDLER + ")");
        }
        String eventsText = v.text("events", "", names);
        TreeSet<String> events = new TreeSet<>();
        if (!eventsText.isEmpty()) {
            for (String name : eventsText.split(",", -1)) {
                events.add(Py.strip(name).toUpperCase(Locale.ROOT));
            }
        }
        if (events.isEmpty()) {
            throw v.error("events", "[" + section + "] section requires an \"events\" line");
        }
        for (String name : events) {
            if (!EVENT_NAMES.contains(name)) {
                throw v.error("events", "Unknown event type " + name + " in [" + section + "] events");
            }
        }
        if (v.get("redirect_stderr", "false", names, Values::bool)) {
            throw v.error("redirect_stderr", "[" + section + "] section sets redirect_stderr=true but this is not "
                    + "allowed because it will interfere with the eventlistener protocol");
        }
        List<ProcessConfig> processes = ProgramParser.parse(ctx, section, poolName);
        return GroupsParser.group(poolName, priority, processes,
                new GroupKind.EventListenerPool(bufferSize, List.copyOf(events), DEFAULT_HANDLER));
    }
}
