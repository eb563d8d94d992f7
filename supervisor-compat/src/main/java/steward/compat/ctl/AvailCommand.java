package steward.compat.ctl;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** {@code avail}: every configured process, in use or available. No upcheck. */
final class AvailCommand implements Verb {
    @Override
    public void run(Session s, List<String> args) throws IOException, ServerFault {
        if (!args.isEmpty()) {
            s.output("Error: avail accepts no arguments");
            s.exit = Session.GENERIC;
            s.output("avail\t\t\tDisplay all configured processes");
            return;
        }
        List<?> infos;
        try {
            infos = (List<?>) s.call("supervisor.getAllConfigInfo");
        } catch (ServerFault f) {
            s.exit = Session.GENERIC;
            if (f.code() != Session.SHUTDOWN_STATE) {
                throw f;
            }
            s.output("ERROR: supervisor shutting down");
            return;
        }
        for (Object o : infos) {
            Map<?, ?> c = (Map<?, ?>) o;
            s.output(String.format("%-32s %-9s %-9s %s", Session.namespec(c),
                    Boolean.TRUE.equals(c.get("inuse")) ? "in use" : "avail",
                    Boolean.TRUE.equals(c.get("autostart")) ? "auto" : "manual",
                    c.get("group_prio") + ":" + c.get("process_prio")));
        }
    }
}
