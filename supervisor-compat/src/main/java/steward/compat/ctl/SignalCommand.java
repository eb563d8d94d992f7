package steward.compat.ctl;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** {@code signal SIG name|group:*|all …}. */
final class SignalCommand implements Verb {
    @Override
    public void run(Session s, List<String> args) throws IOException, ServerFault {
        if (!s.upcheck()) {
            return;
        }
        if (args.size() < 2) {
            s.output("Error: signal requires a signal name and a process name");
            s.output("signal <signal name> <name>\t\tSignal a process\n"
                    + "signal <signal name> <gname>:*\t\tSignal all processes in a group\n"
                    + "signal <signal name> <name> <name>\tSignal multiple processes or groups\n"
                    + "signal <signal name> all\t\tSignal all processes");
            s.exit = Session.GENERIC;
            return;
        }
        String sig = args.get(0);
        List<String> names = args.subList(1, args.size());
        if (names.contains("all")) {
            report(s, (List<?>) s.call("supervisor.signalAllProcesses", sig));
            return;
        }
        for (String name : names) {
            String[] gp = Session.split(name);
            if (gp[1] == null) {
                try {
                    report(s, (List<?>) s.call("supervisor.signalProcessGroup", gp[0], sig));
                } catch (ServerFault f) {
                    if (f.code() != Session.BAD_NAME) {
                        throw f;
                    }
                    s.output(gp[0] + ": ERROR (no such group)");
                    s.exit = Session.GENERIC;
                }
            } else {
                try {
                    s.call("supervisor.signalProcess", name, sig);
                    s.output(Session.namespec(gp[0], gp[1]) + ": signalled");
                } catch (ServerFault f) {
                    s.output(Results.signal(Session.faultResult(f, gp[0], gp[1]), "signalled"));
                    s.exitFromFault(f.code(), -1);
                }
            }
        }
    }

    private static void report(Session s, List<?> results) {
        for (Object o : results) {
            Map<?, ?> r = (Map<?, ?>) o;
            s.output(Results.signal(r, "signalled"));
            s.exitFromFault(Session.code(r), -1);
        }
    }
}
