package steward.compat.ctl;

import java.io.IOException;
import java.util.List;

/** {@code maintail [-f|-N]}: the daemon's own log. */
final class MaintailCommand implements Verb {
    private static final String HELP = "maintail -f \tContinuous tail of supervisor main log file (Ctrl-C to exit)\n"
            + "maintail -100\tlast 100 *bytes* of supervisord main log file\nmaintail\tlast 1600 *bytes* of supervisor main log file\n";

    @Override
    public void run(Session s, List<String> args) throws IOException, ServerFault {
        if (!s.upcheck()) {
            return;
        }
        int bytes = 1600;
        if (args.size() > 1) {
            s.output("Error: too many arguments");
            s.exit = Session.GENERIC;
            s.output(HELP);
            return;
        } else if (args.size() == 1) {
            String a = args.get(0);
            if (!a.startsWith("-")) {
                s.output("Error: bad argument " + a);
                s.exit = Session.GENERIC;
                return;
            }
            if (a.equals("-f")) {
                TailCommand.follow(s, "/mainlogtail");
                return;
            }
            try {
                bytes = Integer.parseInt(a.substring(1));
            } catch (NumberFormatException e) {
                s.output("Error: bad argument " + a);
                s.exit = Session.GENERIC;
                return;
            }
        }
        try {
            s.output((String) s.call("supervisor.readLog", -bytes, 0));
        } catch (ServerFault f) {
            s.exit = Session.GENERIC;
            if (f.code() == Session.NO_FILE) {
                s.output("supervisord: ERROR (no log file)");
            } else if (f.code() == Session.FAILED) {
                s.output("supervisord: ERROR (unknown error reading log)");
            } else {
                throw f;
            }
        }
    }
}
