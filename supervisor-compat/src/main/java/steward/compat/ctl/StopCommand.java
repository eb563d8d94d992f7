package steward.compat.ctl;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** {@code stop name|group:*|all …}. NOT_RUNNING is reported but not an error. */
final class StopCommand implements Verb {
    @Override
    public void run(Session s, List<String> names) throws IOException, ServerFault {
        if (!s.upcheck()) {
            return;
        }
        if (names.isEmpty()) {
            s.output("Error: stop requires a process name");
            s.exit = Session.GENERIC;
            s.output("stop <name>\t\tStop a process\nstop <gname>:*\t\tStop all processes in a group\n"
                    + "stop <name> <name>\tStop multiple processes or groups\nstop all\t\tStop all processes");
            return;
        }
        if (names.contains("all")) {
            report(s, (List<?>) s.call("supervisor.stopAllProcesses"));
            return;
        }
        for (String name : names) {
            String[] gp = Session.split(name);
            if (gp[1] == null) {
                try {
                    report(s, (List<?>) s.call("supervisor.stopProcessGroup", gp[0]));
                } catch (ServerFault f) {
                    s.exit = Session.GENERIC;
                    if (f.code() != Session.BAD_NAME) {
                        throw f;
                    }
                    s.output(gp[0] + ": ERROR (no such group)");
                }
            } else {
                try {
                    s.call("supervisor.stopProcess", name);
                    s.output(Session.namespec(gp[0], gp[1]) + ": stopped");
                } catch (ServerFault f) {
                    s.output(Results.signal(Session.faultResult(f, gp[0], gp[1]), "stopped"));
                    s.exitFromFault(f.code(), Session.NOT_RUNNING_FAULT);
                }
            }
        }
    }

    private static void report(Session s, List<?> results) {
        for (Object o : results) {
            Map<?, ?> r = (Map<?, ?>) o;
            s.output(Results.signal(r, "stopped"));
            s.exitFromFault(Session.code(r), Session.NOT_RUNNING_FAULT);
        }
    }
}
