package steward.builder.program;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A program a type's runtime stack runs (nginx, uWSGI, php-fpm, a Rack server), rendered as a
 * {@code [program:x]} section beside the user's own: logs in the agent's log directory, restarted
 * when it exits, stopped with {@code stopsignal}, the one that lets requests in flight finish
 * (nginx and php-fpm QUIT, puma TERM, uWSGI TERM made graceful by its configuration).
 *
 * @param environment extra variables for this program only (may be empty)
 * @param sockets the {@code sockets=} entries ({@code [NAME=]URL}): listening sockets the agent opens,
 *     holds across restarts and redeploys, and hands to the program as fds 3, 4, … (may be empty)
 * @param inPlace kept running across a redeploy when its configuration is unchanged, and sent SIGHUP
 *     once the new release's app server runs (nginx), instead of being stopped and started again
 * @param user the program's {@code user=} (an app server with no privilege-dropping option of its own: puma)
 * @param settings further {@code key=value} lines of the section ({@code ready=…}, {@code ready_timeout=…},
 *     {@code depends_on=…}), as written (may be empty)
 */
public record StackProgram(String name, String command, String directory, String stopsignal, int stopwaitsecs,
        Map<String, String> environment, boolean inPlace, List<String> sockets, Optional<String> user, List<String> settings) {
    public StackProgram {
        environment = Map.copyOf(environment);
        sockets = List.copyOf(sockets);
        Objects.requireNonNull(user, "user");
        settings = List.copyOf(settings);
    }

    /** A program with no further settings. */
    public StackProgram(String name, String command, String directory, String stopsignal, int stopwaitsecs,
            Map<String, String> environment, boolean inPlace, List<String> sockets, Optional<String> user) {
        this(name, command, directory, stopsignal, stopwaitsecs, environment, inPlace, sockets, user, List.of());
    }

    /** A program run as the agent's user. */
    public StackProgram(String name, String command, String directory, String stopsignal, int stopwaitsecs,
            Map<String, String> environment, boolean inPlace, List<String> sockets) {
        this(name, command, directory, stopsignal, stopwaitsecs, environment, inPlace, sockets, Optional.empty());
    }

    public ProgramSummary summary() {
        return new ProgramSummary(name, command, directory);
    }

    String render() {
        StringBuilder sb = new StringBuilder();
        sb.append("[program:").append(name).append("]\n")
                .append("command=").append(Ini.escapePercent(command)).append('\n')
                .append("directory=").append(Ini.escapePercent(directory)).append('\n')
                .append("autorestart=true\n")
                .append("stopsignal=").append(stopsignal).append('\n')
                .append("stopwaitsecs=").append(stopwaitsecs).append('\n');
        if (!sockets.isEmpty()) {
            sb.append(ProgramFragment.socketsLine(sockets)).append('\n');
        }
        user.ifPresent(u -> sb.append("user=").append(Ini.escapePercent(u)).append('\n'));
        settings.forEach(line -> sb.append(line).append('\n'));
        if (!environment.isEmpty()) {
            StringBuilder env = new StringBuilder();
            new TreeMap<>(environment).forEach((k, v) -> env.append(env.length() == 0 ? "" : ",").append(k).append("=\"")
                    .append(Ini.escapePercent(v).replace("\"", "\\\"")).append('"'));
            sb.append("environment=").append(env).append('\n');
        }
        sb.append("stdout_logfile=").append(LogFiles.stdout(name)).append('\n')
                .append("stderr_logfile=").append(LogFiles.stderr(name)).append("\n\n");
        return sb.toString();
    }
}
