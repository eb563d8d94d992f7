package steward.compat.ctl;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.NoSuchFileException;
import java.util.List;

/** {@code shutdown}, {@code reload} and {@code version}: the daemon itself. */
final class DaemonCommands {
    private DaemonCommands() {
    }

    static final Verb SHUTDOWN = DaemonCommands::shutdown;
    static final Verb RELOAD = DaemonCommands::reload;
    static final Verb VERSION = DaemonCommands::version;

    private static void shutdown(Session s, List<String> args) throws IOException, ServerFault {
        if (!args.isEmpty()) {
            s.output("Error: shutdown accepts no arguments");
            s.exit = Session.GENERIC;
            s.output("shutdown \tShut the remote supervisord down.");
            return;
        }
        try {
            s.call("supervisor.shutdown");
            s.output("Shut down");
        } catch (ServerFault f) {
            if (f.code() != Session.SHUTDOWN_STATE) {
                s.exit = Session.GENERIC;
                throw f;
            }
            s.output("ERROR: already shutting down");
        } catch (ConnectException e) {
            s.exit = Session.GENERIC;
            s.output("ERROR: " + s.client.serverurl() + " refused connection (already shut down?)");
        } catch (NoSuchFileException e) {
            s.exit = Session.GENERIC;
            s.output("ERROR: " + s.client.serverurl() + " no such file (already shut down?)");
        }
    }

    private static void reload(Session s, List<String> args) throws IOException, ServerFault {
        if (!args.isEmpty()) {
            s.output("Error: reload accepts no arguments");
            s.exit = Session.GENERIC;
            s.output("reload \t\tRestart the remote supervisord.");
            return;
        }
        try {
            s.call("supervisor.restart");
            s.output("Restarted supervisord");
        } catch (ServerFault f) {
            s.exit = Session.GENERIC;
            if (f.code() != Session.SHUTDOWN_STATE) {
                throw f;
            }
            s.output("ERROR: already shutting down");
        }
    }

    private static void version(Session s, List<String> args) throws IOException, ServerFault {
        if (!args.isEmpty()) {
            s.output("Error: version accepts no arguments");
            s.exit = Session.GENERIC;
            s.output("version\t\t\tShow the version of the remote supervisord process");
            return;
        }
        if (!s.upcheck()) {
            return;
        }
        s.output(String.valueOf(s.call("supervisor.getSupervisorVersion")));
    }
}
