package steward.agent.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import steward.agent.daemon.ConfSource;
import steward.agent.daemon.Daemon;
import steward.agent.daemon.DaemonSettings;
import steward.agent.daemon.Launch;
import steward.compat.config.ConfError;
import steward.compat.config.ConfigReport;
import steward.compat.config.LogLevel;
import steward.compat.config.SupervisordConf;

/** {@code steward supervisord}: a drop-in supervisord for any plain supervisord.conf. */
@Command(name = "supervisord", mixinStandardHelpOptions = true,
        description = "Run a supervisord.conf (Supervisor's options; -n to stay in the foreground).")
public final class SupervisordCommand implements Callable<Integer> {
    @Option(names = {"-c", "--configuration"},
            description = "configuration file path (searched as supervisord does when not given)")
    Path configuration;

    @Option(names = {"-n", "--nodaemon"}, description = "run in the foreground (same as nodaemon=true)")
    boolean nodaemon;

    @Option(names = {"-s", "--silent"}, description = "no logs to stdout (same as silent=true)")
    boolean silent;

    @Option(names = {"-l", "--logfile"}, description = "the daemon's log file")
    Path logfile;

    @Option(names = {"-e", "--loglevel"}, description = "critical, error, warn, info, debug, trace, blather")
    String loglevel;

    @Option(names = {"-j", "--pidfile"}, description = "pid file path")
    Path pidfile;

    @Option(names = {"-i", "--identifier"}, description = "identifier of this instance")
    String identifier;

    @Option(names = {"-q", "--childlogdir"}, description = "directory for AUTO child logs")
    Path childlogdir;

    @Option(names = {"-k", "--nocleanup"}, description = "keep old AUTO child logs at start")
    boolean nocleanup;

    @Option(names = {"-m", "--umask"}, description = "umask for the daemon (octal)")
    String umask;

    @Option(names = {"-d", "--directory"}, description = "directory to chdir to when daemonized")
    Path directory;

    @Option(names = "--check", description = "parse the configuration only: exit 0, or 2 with the error")
    boolean check;

    @Option(names = "--json", description = "with --check: print the effective processes as JSON")
    boolean json;

    @Option(names = "--daemonized", hidden = true)
    boolean daemonized;

    @Override
    public Integer call() throws Exception {
        DaemonSettings settings = new DaemonSettings(nodaemon || daemonized, silent, Optional.ofNullable(logfile),
                Optional.ofNullable(loglevel).map(l -> LogLevel.fromName(l)
                        .orElseThrow(() -> new IllegalArgumentException("bad loglevel: " + l))),
                Optional.ofNullable(pidfile), Optional.ofNullable(identifier), Optional.ofNullable(childlogdir),
                nocleanup, Optional.ofNullable(umask).map(u -> Integer.parseInt(u, 8)), Optional.ofNullable(directory));
        if (configuration == null) {
            configuration = DefaultConfig.find().orElse(null);
            if (configuration == null) {
                System.err.println("Error: No config file found at default paths (" + DefaultConfig.describe()
                        + "); use the -c option to specify a config file at a different path");
                System.err.println("For help, use steward supervisord -h");
                return 2;
            }
        }
        ConfSource source = new ConfSource(configuration, settings);
        SupervisordConf conf;
        try {
            conf = source.load();
        } catch (ConfError e) {
            System.err.println("Error: " + e.getMessage());
            System.err.println("For help, use steward supervisord -h");
            return 2;
        }
        if (check) {
            conf.warnings().forEach(w -> System.err.println("warning: " + w));
            if (json) {
                System.out.println(ConfigReport.render(conf));
            } else {
                long processes = conf.groups().stream().mapToLong(g -> g.processes().size()).sum();
                System.out.println(source.file() + ": ok (" + conf.groups().size() + " groups, " + processes
                        + " processes)");
            }
            return 0;
        }
        if (!conf.daemon().nodaemon()) {
            return Launch.background(conf);
        }
        return new Daemon(source, conf).run(daemonized);
    }
}
