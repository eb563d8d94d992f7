package steward.compat.ctl;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code update [all|group…]}: apply a re-read: remove, restart changed, add new groups. No upcheck. */
final class UpdateCommand implements Verb {
    @Override
    public void run(Session s, List<String> args) throws IOException, ServerFault {
        List<?> result;
        try {
            result = (List<?>) ((List<?>) s.call("supervisor.reloadConfig")).get(0);
        } catch (ServerFault f) {
            s.exit = Session.GENERIC;
            if (f.code() != Session.SHUTDOWN_STATE) {
                throw f;
            }
            s.output("ERROR: already shutting down");
            return;
        }
        List<?> added = (List<?>) result.get(0);
        List<?> changed = (List<?>) result.get(1);
        List<?> removed = (List<?>) result.get(2);
        Set<String> valid = new HashSet<>(args);
        if (valid.contains("all")) {
            valid.clear();
        }
        if (!valid.isEmpty()) {
            Set<Object> groups = new HashSet<>();
            for (Object o : (List<?>) s.call("supervisor.getAllProcessInfo")) {
                groups.add(((Map<?, ?>) o).get("group"));
            }
            groups.addAll(added);
            for (String g : args) {
                if (!groups.contains(g)) {
                    s.output("ERROR: no such group: " + g);
                    s.exit = Session.GENERIC;
                }
            }
        }
        for (Object o : removed) {
            String g = (String) o;
            if (!valid.isEmpty() && !valid.contains(g)) {
                continue;
            }
            List<?> results = (List<?>) s.call("supervisor.stopProcessGroup", g);
            s.output(g + ": stopped");
            if (results.stream().anyMatch(r -> Session.code((Map<?, ?>) r) == Session.FAILED)) {
                s.output(g + ": has problems; not removing");
                s.exit = Session.GENERIC;
                continue;
            }
            s.call("supervisor.removeProcessGroup", g);
            s.output(g + ": removed process group");
        }
        for (Object o : changed) {
            String g = (String) o;
            if (!valid.isEmpty() && !valid.contains(g)) {
                continue;
            }
            s.call("supervisor.stopProcessGroup", g);
            s.output(g + ": stopped");
            s.call("supervisor.removeProcessGroup", g);
            s.call("supervisor.addProcessGroup", g);
            s.output(g + ": updated process group");
        }
        for (Object o : added) {
            String g = (String) o;
            if (!valid.isEmpty() && !valid.contains(g)) {
                continue;
            }
            s.call("supervisor.addProcessGroup", g);
            s.output(g + ": added process group");
        }
    }
}
