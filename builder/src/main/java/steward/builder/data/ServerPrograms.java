package steward.builder.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import steward.builder.program.StackProgram;

/** Shared shapes of the data servers' programs. */
final class ServerPrograms {
    /** Servers flush to disk when they stop: a minute before SIGKILL. */
    static final int STOPWAITSECS = 60;

    private ServerPrograms() {
    }

    /** A server program in the data directory, run as the layout's user, ready when {@code ready} passes. */
    static StackProgram program(DataLayout d, String name, String command, String stopsignal, Map<String, String> environment,
            String ready, int readyTimeout, List<String> more) {
        List<String> settings = new java.util.ArrayList<>(List.of("ready=" + ready, "ready_timeout=" + readyTimeout,
                "startsecs=0"));
        settings.addAll(more);
        return new StackProgram(name, command, d.dataDir().toString(), stopsignal, STOPWAITSECS, environment, false, List.of(),
                d.user(), settings);
    }

    static String tcp(DataLayout d) {
        return "tcp:127.0.0.1:" + d.endpoint().port();
    }

    /** {@code /bin/sh -c 'SCRIPT'}; the script must hold no single quote (paths in it are double-quoted). */
    static String sh(String script) {
        if (script.contains("'")) {
            throw new IllegalArgumentException("a single quote in a server script: " + script);
        }
        return "/bin/sh -c '" + script + "'";
    }

    /** A path for a script: double-quoted. */
    static String q(Path p) {
        return "\"" + p.toString().replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$").replace("`", "\\`") + "\"";
    }
}
