package steward.agent.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import steward.agent.daemon.ConfSource;
import steward.compat.cli.CommandDoc;
import steward.compat.cli.Getopt;
import steward.compat.cli.Opt;
import steward.agent.daemon.Daemon;
import steward.agent.daemon.DaemonSettings;
import steward.agent.daemon.Launch;
import steward.compat.config.ConfError;
import steward.compat.config.ConfigReport;
import steward.compat.config.SupervisordConf;
import steward.compat.config.Values;

/**
 * {@code steward supervisord}: a drop-in supervisord for any plain supervisord.conf, with
 * supervisord's own options (parsed getopt-style, like supervisord, without picocli: this process
 * is the long-lived daemon) plus {@code --check [--json]}.
 */
public final class SupervisordMain {
    /** supervisord's options (and Steward's --check/--json): the parser's and every help's one definition. */
    public static final CommandDoc DOC = new CommandDoc("supervisord",
            "run a set of applications as daemons (a drop-in supervisord).", "[options]", List.of(
            Opt.value('c', "configuration", "FILENAME", "configuration file path (searches if not given)"),
            Opt.flag('n', "nodaemon", "run in the foreground (same as 'nodaemon=true' in config file)"),
            Opt.flag('s', "silent", "no logs to stdout (maps to 'silent=true' in config file)"),
            Opt.flag('h', "help", "print this usage message and exit"),
            Opt.flag('v', "version", "print the version number and exit"),
            Opt.value('u', "user", "USER", "run as this user (or numeric uid)"),
            Opt.value('m', "umask", "UMASK", "use this umask for daemon subprocess (default is 022)"),
            Opt.value('d', "directory", "DIRECTORY", "directory to chdir to when daemonized"),
            Opt.value('l', "logfile", "FILENAME", "use FILENAME as logfile path"),
            Opt.value('y', "logfile_maxbytes", "BYTES", "use BYTES to limit the max size of logfile"),
            Opt.value('z', "logfile_backups", "NUM", "number of backups to keep when max bytes reached"),
            Opt.value('e', "loglevel", "LEVEL", "use LEVEL as log level (debug,info,warn,error,critical)"),
            Opt.value('j', "pidfile", "FILENAME", "write a pid file for the daemon process to FILENAME"),
            Opt.value('i', "identifier", "STR", "identifier used for this instance of supervisord"),
            Opt.value('q', "childlogdir", "DIRECTORY", "the log directory for child process logs"),
            Opt.flag('k', "nocleanup", "prevent the process from performing cleanup (removal of\n"
                    + "old automatic child log files) at startup."),
            Opt.value('a', "minfds", "NUM", "the minimum number of file descriptors for start success"),
            Opt.flag('t', "strip_ansi", "strip ansi escape codes from process output"),
            Opt.value((char) 0, "minprocs", "NUM", "the minimum number of processes available for start success"),
            Opt.value((char) 0, "profile_options", "OPTIONS", "accepted and ignored (no profiler)").hide(),
            Opt.flag((char) 0, "check", "parse the configuration only: exit 0, or 2 with the error (Steward)"),
            Opt.flag((char) 0, "json", "with --check: print the effective processes as JSON (Steward)"),
            Opt.flag((char) 0, "daemonized", "the background daemon's own start (internal)").hide()),
            Optional.empty(), List.of());
    private static final Getopt OPTIONS = DOC.getopt();

    private SupervisordMain() {
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Getopt.Parsed p;
        DaemonSettings settings;
        try {
            p = OPTIONS.parse(args);
            if (!p.operands().isEmpty()) {
                throw new Getopt.BadOption("positional arguments are not supported: " + p.operands());
            }
            settings = settings(p);
        } catch (Getopt.BadOption | IllegalArgumentException e) {
            err.println("Error: " + e.getMessage());
            err.println("For help, use steward supervisord -h");
            return 2;
        }
        if (p.has("help")) {
            out.print(DOC.usage());
            return 0;
        }
        if (p.has("version")) {
            out.println(StewardCommand.VERSION);
            return 0;
        }
        Optional<Path> file = p.value("configuration").map(Path::of).or(DefaultConfig::find);
        if (file.isEmpty()) {
            err.println("Error: No config file found at default paths (" + DefaultConfig.describe()
                    + "); use the -c option to specify a config file at a different path");
            err.println("For help, use steward supervisord -h");
            return 2;
        }
        ConfSource source = new ConfSource(file.get(), settings);
        SupervisordConf conf;
        try {
            conf = source.load();
        } catch (ConfError e) {
            err.println("Error: " + e.getMessage());
            err.println("For help, use steward supervisord -h");
            return 2;
        }
        if (p.has("check")) {
            conf.warnings().forEach(w -> err.println("warning: " + w));
            List<String> bad = directoryLogPaths(conf);
            if (!bad.isEmpty()) {
                bad.forEach(b -> err.println("Error: " + b));
                return 2;
            }
            if (p.has("json")) {
                out.println(ConfigReport.render(conf));
            } else {
                long processes = conf.groups().stream().mapToLong(g -> g.processes().size()).sum();
                out.println(source.file() + ": ok (" + conf.groups().size() + " groups, " + processes + " processes)");
            }
            return 0;
        }
        if (!conf.daemon().nodaemon()) {
            return Launch.background(conf);
        }
        return new Daemon(source, conf).run(p.has("daemonized"));
    }

    /**
     * Log paths that name a directory: at run time only that program fails to start (BACKOFF, then
     * FATAL, with the path in its spawn error); {@code --check} reports them.
     */
    static List<String> directoryLogPaths(SupervisordConf conf) {
        List<String> out = new java.util.ArrayList<>();
        for (var g : conf.groups()) {
            for (var pc : g.processes()) {
                for (String channel : List.of("stdout", "stderr")) {
                    var target = (channel.equals("stdout") ? pc.stdout() : pc.stderr()).target();
                    if (target.kind() == steward.compat.config.LogTarget.Kind.FILE
                            && java.nio.file.Files.isDirectory(target.path())) {
                        out.add(pc.source() + ": [program:" + pc.programName() + "] " + channel + "_logfile: '"
                                + target.path() + "' is a directory");
                    }
                }
            }
        }
        return out;
    }

    private static DaemonSettings settings(Getopt.Parsed p) {
        return new DaemonSettings(
                p.has("nodaemon") || p.has("daemonized"), p.has("silent"),
                p.value("user"),
                p.value("umask").map(Values::octal),
                p.value("directory").map(Path::of),
                p.value("logfile").map(Path::of),
                p.value("logfile_maxbytes").map(Values::byteSize),
                p.value("logfile_backups").map(Values::integer),
                p.value("loglevel").map(Values::logLevel),
                p.value("pidfile").map(Path::of),
                p.value("identifier"),
                p.value("childlogdir").map(Path::of),
                p.has("nocleanup"),
                p.value("minfds").map(Values::integer),
                p.value("minprocs").map(Values::integer),
                p.has("strip_ansi"));
    }

}
