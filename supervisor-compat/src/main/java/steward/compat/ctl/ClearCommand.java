package steward.compat.ctl;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** {@code clear name|all …}: truncate process logs. */
final class ClearCommand implements Verb {
    @Override
    public void run(Session s, List<String> names) throws IOException, ServerFault {
        if (!s.upcheck()) {
            return;
        }
        if (names.isEmpty()) {
            s.output("Error: clear requires a process name");
            s.exit = Session.GENERIC;
            s.output("clear <name>\t\tClear a process' log files.\nclear <name> <name>\tClear multiple process' log files\n"
                    + "clear all\t\tClear all process' log files");
            return;
        }
        if (names.contains("all")) {
            for (Object o : (List<?>) s.call("supervisor.clearAllProcessLogs")) {
                Map<?, ?> r = (Map<?, ?>) o;
                s.output(Results.clear(r));
                s.exitFromFault(Session.code(r), -1);
            }
            return;
        }
        for (String name : names) {
            String[] gp = Session.split(name);
            try {
                s.call("supervisor.clearProcessLogs", name);
                s.output(Session.namespec(gp[0], gp[1] == null ? gp[0] : gp[1]) + ": cleared");
            } catch (ServerFault f) {
                s.output(Results.clear(Session.faultResult(f, gp[0], gp[1])));
                s.exitFromFault(f.code(), -1);
            }
        }
    }
}
