package steward.compat.ctl;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code tail [-f|-N] name [stdout|stderr]}: the last bytes of a process log, or follow it. */
final class TailCommand implements Verb {
    static final String HELP = "tail [-f] <name> [stdout|stderr] (default stdout)\nEx:\n"
            + "tail -f <name>\t\tContinuous tail of named process stdout\n\t\t\tCtrl-C to exit.\n"
            + "tail -100 <name>\tlast 100 *bytes* of process stdout\ntail <name> stderr\tlast 1600 *bytes* of process stderr";

    @Override
    public void run(Session s, List<String> given) throws IOException, ServerFault {
        if (!s.upcheck()) {
            return;
        }
        List<String> args = new ArrayList<>(given);
        if (args.isEmpty() || args.size() > 3) {
            s.output(args.isEmpty() ? "Error: too few arguments" : "Error: too many arguments");
            s.exit = Session.GENERIC;
            s.output(HELP);
            return;
        }
        String modifier = args.get(0).startsWith("-") ? args.remove(0) : null;
        String name;
        String channel = "stdout";
        if (args.size() == 1) {
            name = args.get(0);
        } else if (!args.isEmpty()) {
            name = args.get(0);
            channel = args.get(args.size() - 1).toLowerCase(Locale.ROOT);
            if (!channel.equals("stderr") && !channel.equals("stdout")) {
                s.output("Error: bad channel '" + channel + "'");
                s.exit = Session.GENERIC;
                return;
            }
        } else {
            s.output("Error: tail requires process name");
            s.exit = Session.GENERIC;
            return;
        }
        int bytes = 1600;
        if (modifier != null) {
            String what = modifier.substring(1);
            if (what.equals("f")) {
                follow(s, "/logtail/" + name + "/" + channel);
                return;
            }
            try {
                bytes = Integer.parseInt(what);
            } catch (NumberFormatException e) {
                s.output("Error: bad argument " + modifier);
                s.exit = Session.GENERIC;
                return;
            }
        }
        try {
            String method = channel.equals("stdout") ? "supervisor.readProcessStdoutLog" : "supervisor.readProcessStderrLog";
            s.output((String) s.call(method, name, -bytes, 0));
        } catch (ServerFault f) {
            s.exit = Session.GENERIC;
            switch (f.code()) {
                case Session.NO_FILE: s.output(name + ": ERROR (no log file)"); break;
                case Session.FAILED: s.output(name + ": ERROR (unknown error reading log)"); break;
                case Session.BAD_NAME: s.output(name + ": ERROR (no such process name)"); break;
                default: throw f;
            }
        }
    }

    /** Streams a log until the server ends it or the calling thread is interrupted (Ctrl-C). */
    static void follow(Session s, String path) throws IOException {
        s.output("==> Press Ctrl-C to exit <==");
        try {
            s.client.stream(path, s.out);
        } catch (HttpStatusException e) {
            System.err.println(s.client.serverurl() + path + " Cannot read, status code " + e.status());
            s.exit = Session.GENERIC;
        } catch (java.nio.channels.ClosedByInterruptException e) {
            s.output("");
        }
    }
}
