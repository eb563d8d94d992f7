package steward.compat.ctl;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code reread}: what a re-read of the configuration would change. No upcheck. */
final class RereadCommand implements Verb {
    @Override
    public void run(Session s, List<String> args) throws IOException, ServerFault {
        if (!args.isEmpty()) {
            s.output("Error: reread accepts no arguments");
            s.exit = Session.GENERIC;
            s.output("reread \t\t\tReload the daemon's configuration files without add/remove");
            return;
        }
        try {
            changes(s, (List<?>) ((List<?>) s.call("supervisor.reloadConfig")).get(0));
        } catch (ServerFault f) {
            s.exit = Session.GENERIC;
            if (f.code() == Session.SHUTDOWN_STATE) {
                s.output("ERROR: supervisor shutting down");
            } else if (f.code() == Session.CANT_REREAD) {
                s.output("ERROR: " + f.text());
            } else {
                throw f;
            }
        }
    }

    static void changes(Session s, List<?> addedChangedRemoved) {
        Map<String, String> byName = new TreeMap<>();
        String[] words = {"available", "changed", "disappeared"};
        for (int i = 0; i < 3; i++) {
            for (Object n : (List<?>) addedChangedRemoved.get(i)) {
                byName.put((String) n, words[i]);
            }
        }
        if (byName.isEmpty()) {
            s.output("No config updates to processes");
        }
        byName.forEach((n, w) -> s.output(n + ": " + w));
    }
}
