package steward.agent.engine;

import java.util.ArrayList;
import java.util.List;
import steward.agent.events.EventBus;
import steward.agent.os.EventLoop;
import steward.compat.api.ProcessInfo;
import steward.compat.events.EventSource.Delivery;
import steward.compat.events.EventType;

/**
 * getAllProcessInfo's answer, kept from one state or group event to the next: an on-loop
 * subscriber drops it, the next status call rebuilds it on the loop. Read by any thread, so a
 * status call costs no hop onto the loop while nothing changes. Every change a process's info
 * shows is made before the state change that publishes it, so one built on the loop is whole.
 */
final class StatusSnapshot {
    private final EventLoop loop;
    private final Groups groups;
    private volatile List<ProcessInfo> kept;

    StatusSnapshot(EventLoop loop, Groups groups, EventBus events) {
        this.loop = loop;
        this.groups = groups;
        events.subscribe(e -> kept = null, Delivery.onLoop("status snapshot"), EventType.PROCESS_STATE,
                EventType.PROCESS_GROUP);
    }

    /** Every process, sorted by group then name, with {@code now} read from the loop's clock. */
    List<ProcessInfo> get() {
        List<ProcessInfo> current = kept;
        if (current == null) {
            current = loop.callAndWait(() -> {
                List<ProcessInfo> s = kept;
                if (s == null) {
                    s = groups.infos();
                    kept = s;
                }
                return s;
            });
        }
        long now = loop.clock().millis() / 1000;
        List<ProcessInfo> all = new ArrayList<>(current.size());
        for (ProcessInfo p : current) {
            all.add(new ProcessInfo(p.name(), p.group(), p.start(), p.stop(), now, p.state(), p.spawnerr(),
                    p.exitstatus(), p.stdoutLogfile(), p.stderrLogfile(), p.pid(), p.statusText()));
        }
        return all;
    }

    /** Forgets the kept answer (the groups were replaced without events). Loop thread only. */
    void drop() {
        kept = null;
    }
}
