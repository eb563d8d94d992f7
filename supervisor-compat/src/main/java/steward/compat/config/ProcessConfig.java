package steward.compat.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One process instance after defaults, expansions and numprocs: what the engine runs.
 *
 * @param name the process name ({@code process_name} expanded)
 * @param programName the {@code x} of {@code [program:x]}
 * @param command the command line as written (split with {@link CommandLine#split} at spawn)
 * @param exitcodes expected exit codes
 * @param user the user to run as, when set
 * @param directory the working directory, when set, as written (Supervisor keeps a trailing slash)
 * @param umask the octal umask, when set
 * @param environment the program's {@code environment=} in file order (the daemon's is in DaemonConfig)
 * @param serverurl {@code AUTO} or the configured value
 * @param source where the section starts, "FILE:LINE"; not part of equality, which is the "changed"
 *     test of a config re-read: as Supervisor, a section that only moved (an edit above it) is the same
 * @param container Steward's own keys (depends_on, ready, essential, environment_file)
 */
public record ProcessConfig(
        String name,
        String programName,
        String command,
        int priority,
        boolean autostart,
        AutoRestart autorestart,
        int startsecs,
        int startretries,
        List<Integer> exitcodes,
        Signal stopsignal,
        int stopwaitsecs,
        boolean stopasgroup,
        boolean killasgroup,
        Optional<String> user,
        Optional<String> directory,
        Optional<Integer> umask,
        Map<String, String> environment,
        boolean redirectStderr,
        LogConfig stdout,
        LogConfig stderr,
        String serverurl,
        String source,
        ContainerOptions container) {

    public ProcessConfig {
        exitcodes = List.copyOf(exitcodes);
        environment = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environment));
        container = container == null ? ContainerOptions.NONE : container;
    }

    /** A process without Steward's own keys (everything Supervisor knows). */
    public ProcessConfig(String name, String programName, String command, int priority, boolean autostart,
            AutoRestart autorestart, int startsecs, int startretries, List<Integer> exitcodes, Signal stopsignal,
            int stopwaitsecs, boolean stopasgroup, boolean killasgroup, Optional<String> user,
            Optional<String> directory, Optional<Integer> umask, Map<String, String> environment,
            boolean redirectStderr, LogConfig stdout, LogConfig stderr, String serverurl, String source) {
        this(name, programName, command, priority, autostart, autorestart, startsecs, startretries, exitcodes,
                stopsignal, stopwaitsecs, stopasgroup, killasgroup, user, directory, umask, environment,
                redirectStderr, stdout, stderr, serverurl, source, ContainerOptions.NONE);
    }

    /** Equal when every value but {@link #source} is: what Supervisor's ProcessConfig compares. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ProcessConfig p && java.util.Arrays.equals(values(), p.values());
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(values());
    }

    /** Every component except {@code source}; a component added to the record belongs here too. */
    private Object[] values() {
        return new Object[] {name, programName, command, priority, autostart, autorestart, startsecs, startretries,
            exitcodes, stopsignal, stopwaitsecs, stopasgroup, killasgroup, user, directory, umask, environment,
            redirectStderr, stdout, stderr, serverurl, container};
    }
}
