package steward.compat.ctl;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** {@code start name|group:*|all …}. ALREADY_STARTED is reported but not an error. */
final class StartCommand implements Verb {
    @Override
    public void run(Session s, List<String> names) throws IOException, ServerFault {
        if (!s.upcheck()) {
            return;
        }
        if (names.isEmpty()) {
            s.output("Error: start requires a process name");
            s.exit = Session.INVALID_ARGS;
            s.output("start <name>\t\tStart a process\nstart <gname>:*\t\tStart all processes in a group\n"
                    + "start <name> <name>\tStart multiple processes or groups\nstart all\t\tStart all processes");
            return;
        }
        if (names.contains("all")) {
            report(s, (List<?>) s.call("supervisor.startAllProcesses"));
            return;
        }
        for (String name : names) {
            String[] gp = Session.split(name);
            if (gp[1] == null) {
                try {
                    report(s, (List<?>) s.call("supervisor.startProcessGroup", gp[0]));
                } catch (ServerFault f) {
                    if (f.code() != Session.BAD_NAME) {
                        s.exit = Session.GENERIC;
                        throw f;
                    }
                    s.output(gp[0] + ": ERROR (no such group)");
                    s.exit = Session.INVALID_ARGS;
                }
            } else {
                try {
                    s.call("supervisor.startProcess", name);
                    s.output(Session.namespec(gp[0], gp[1]) + ": started");
                } catch (ServerFault f) {
                    Map<String, Object> r = Session.faultResult(f, gp[0], gp[1]);
                    s.output(Results.start(r));
                    s.exitFromFault(f.code(), Session.ALREADY_STARTED);
                }
            }
        }
    }

    private static void report(Session s, List<?> results) {
        for (Object o : results) {
            Map<?, ?> r = (Map<?, ?>) o;
            s.output(Results.start(r));
            s.exitFromFault(Session.code(r), Session.ALREADY_STARTED);
        }
    }
}
