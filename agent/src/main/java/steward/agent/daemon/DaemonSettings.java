package steward.agent.daemon;

import java.nio.file.Path;
import java.util.Optional;
import steward.compat.config.DaemonConfig;
import steward.compat.config.LogLevel;

/**
 * supervisord's command-line overrides of [supervisord]. Empty fields and false flags leave the
 * configuration's value.
 */
public record DaemonSettings(
        boolean nodaemon,
        boolean silent,
        Optional<String> user,
        Optional<Integer> umask,
        Optional<Path> directory,
        Optional<Path> logfile,
        Optional<Long> logfileMaxbytes,
        Optional<Integer> logfileBackups,
        Optional<LogLevel> loglevel,
        Optional<Path> pidfile,
        Optional<String> identifier,
        Optional<Path> childlogdir,
        boolean nocleanup,
        Optional<Integer> minfds,
        Optional<Integer> minprocs,
        boolean stripAnsi) {

    public static DaemonSettings none() {
        return new DaemonSettings(false, false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), false, Optional.empty(), Optional.empty(), false);
    }

    DaemonConfig applyTo(DaemonConfig d) {
        return new DaemonConfig(
                logfile.isPresent() ? logfile : d.logfile(),
                logfileMaxbytes.orElse(d.logfileMaxbytes()),
                logfileBackups.orElse(d.logfileBackups()),
                loglevel.orElse(d.loglevel()),
                pidfile.orElse(d.pidfile()),
                childlogdir.orElse(d.childlogdir()),
                umask.orElse(d.umask()),
                directory.isPresent() ? directory : d.directory(),
                d.environment(),
                identifier.orElse(d.identifier()),
                nodaemon || d.nodaemon(),
                silent || d.silent(),
                minfds.orElse(d.minfds()),
                minprocs.orElse(d.minprocs()),
                nocleanup || d.nocleanup(),
                user.isPresent() ? user : d.user(),
                stripAnsi || d.stripAnsi());
    }
}
