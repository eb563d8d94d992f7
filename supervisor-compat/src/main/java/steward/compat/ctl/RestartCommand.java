package steward.compat.ctl;

import java.io.IOException;
import java.util.List;

/** {@code restart …}: stop, then start; does not re-read the configuration. */
final class RestartCommand implements Verb {
    @Override
    public void run(Session s, List<String> names) throws IOException, ServerFault {
        if (!s.upcheck()) {
            return;
        }
        if (names.isEmpty()) {
            s.output("Error: restart requires a process name");
            s.exit = Session.GENERIC;
            s.output("restart <name>\t\tRestart a process\nrestart <gname>:*\tRestart all processes in a group\n"
                    + "restart <name> <name>\tRestart multiple processes or groups\nrestart all\t\tRestart all processes\n"
                    + "Note: restart does not reread config files. For that, see reread and update.");
            return;
        }
        new StopCommand().run(s, names);
        new StartCommand().run(s, names);
    }
}
