package steward.agent.daemon;

import java.nio.file.Path;
import java.util.Optional;
import steward.compat.config.DaemonConfig;
import steward.compat.config.LogLevel;

/**
 * supervisord's command-line overrides of [supervisord] (-n, -s, -l, -e, -j, -i, -q, -k, -m, -d).
 * Empty fields leave the configuration's value.
 */
public record DaemonSettings(
        boolean nodaemon,
        boolean silent,
        Optional<Path> logfile,
        Optional<LogLevel> loglevel,
        Optional<Path> pidfile,
        Optional<String> identifier,
        Optional<Path> childlogdir,
        boolean nocleanup,
        Optional<Integer> umask,
        Optional<Path> directory) {

    public static DaemonSettings none() {
        return new DaemonSettings(false, false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), false, Optional.empty(), Optional.empty());
    }

    DaemonConfig applyTo(DaemonConfig d) {
        return new DaemonConfig(
                logfile.isPresent() ? logfile : d.logfile(),
                d.logfileMaxbytes(), d.logfileBackups(),
                loglevel.orElse(d.loglevel()),
                pidfile.orElse(d.pidfile()),
                childlogdir.orElse(d.childlogdir()),
                umask.orElse(d.umask()),
                directory.isPresent() ? directory : d.directory(),
                d.environment(),
                identifier.orElse(d.identifier()),
                nodaemon || d.nodaemon(),
                silent || d.silent(),
                d.minfds(), d.minprocs(),
                nocleanup || d.nocleanup(),
                d.user(), d.stripAnsi());
    }
}
