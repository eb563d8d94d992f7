package steward.compat.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The [supervisord] section with Supervisor's defaults applied.
 *
 * @param logfile the daemon's log: a file path, {@code /dev/stdout}; empty when {@code syslog} or NONE
 * @param umask octal umask, default 022
 * @param environment the section's {@code environment=}, in file order
 */
public record DaemonConfig(
        Optional<Path> logfile,
        long logfileMaxbytes,
        int logfileBackups,
        LogLevel loglevel,
        Path pidfile,
        Path childlogdir,
        int umask,
        Optional<Path> directory,
        Map<String, String> environment,
        String identifier,
        boolean nodaemon,
        boolean silent,
        int minfds,
        int minprocs,
        boolean nocleanup,
        Optional<String> user,
        boolean stripAnsi) {

    public DaemonConfig {
        environment = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environment));
    }
}
