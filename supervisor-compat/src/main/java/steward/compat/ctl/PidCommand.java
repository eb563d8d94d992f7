package steward.compat.ctl;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** {@code pid [name…|all]}: the daemon's pid, or the processes'. */
final class PidCommand implements Verb {
    @Override
    public void run(Session s, List<String> names) throws IOException, ServerFault {
        if (!s.upcheck()) {
            return;
        }
        if (names.isEmpty()) {
            s.output(String.valueOf(s.call("supervisor.getPID")));
        } else if (names.contains("all")) {
            for (Object o : (List<?>) s.call("supervisor.getAllProcessInfo")) {
                s.output(String.valueOf(((Map<?, ?>) o).get("pid")));
            }
        } else {
            for (String name : names) {
                try {
                    Object pid = ((Map<?, ?>) s.call("supervisor.getProcessInfo", name)).get("pid");
                    s.output(String.valueOf(pid));
                    if (((Number) pid).intValue() == 0) {
                        s.exit = Session.NOT_RUNNING;
                    }
                } catch (ServerFault f) {
                    s.exit = Session.GENERIC;
                    if (f.code() != Session.BAD_NAME) {
                        throw f;
                    }
                    s.output("No such process " + name);
                }
            }
        }
    }
}
