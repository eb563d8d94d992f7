package steward.compat.ctl;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code status [--json] [names]}: the process table (filtered client-side), LSB status exit codes. */
final class StatusCommand implements Verb {
    private static final Set<Integer> STOPPED_STATES = Set.of(0, 100, 200, 1000);

    @Override
    public void run(Session s, List<String> args) throws IOException, ServerFault {
        List<String> names = new ArrayList<>(args);
        boolean json = names.remove("--json");
        if (!s.upcheck()) {
            s.exit = Session.STATUS_UNKNOWN;
            return;
        }
        List<?> all = (List<?>) s.call("supervisor.getAllProcessInfo");
        List<Map<?, ?>> matching = new ArrayList<>();
        if (names.isEmpty() || names.contains("all")) {
            all.forEach(i -> matching.add((Map<?, ?>) i));
        } else {
            for (String name : names) {
                String[] gp = Session.split(name);
                boolean bad = true;
                for (Object o : all) {
                    Map<?, ?> info = (Map<?, ?>) o;
                    boolean matched = info.get("group").equals(gp[0]) && (gp[1] == null || info.get("name").equals(gp[1]));
                    if (matched) {
                        bad = false;
                        matching.add(info);
                    }
                }
                if (bad) {
                    s.output(gp[1] == null ? gp[0] + ": ERROR (no such group)" : name + ": ERROR (no such process)");
                    s.exit = Session.STATUS_UNKNOWN;
                }
            }
        }
        if (json) {
            s.output(steward.compat.json.JsonWriter.write(matching));
        } else {
            show(s, matching);
        }
        for (Map<?, ?> info : matching) {
            if (STOPPED_STATES.contains(((Number) info.get("state")).intValue())) {
                s.exit = Session.STATUS_NOT_RUNNING;
            }
        }
    }

    static void show(Session s, List<Map<?, ?>> infos) {
        int width = 30;
        for (Map<?, ?> info : infos) {
            width = Math.max(width, Session.namespec(info).length());
        }
        String template = "%-" + (width + 3) + "s%-10s%s";
        for (Map<?, ?> info : infos) {
            s.output(String.format(template, Session.namespec(info), info.get("statename"), info.get("description")));
        }
    }
}
