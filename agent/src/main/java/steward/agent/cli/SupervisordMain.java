package steward.agent.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import steward.agent.daemon.ConfSource;
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
    private static final Getopt OPTIONS = new Getopt(List.of(
            new Getopt.Spec('c', "configuration", true), new Getopt.Spec('n', "nodaemon", false),
            new Getopt.Spec('s', "silent", false), new Getopt.Spec('h', "help", false),
            new Getopt.Spec('v', "version", false), new Getopt.Spec('u', "user", true),
            new Getopt.Spec('m', "umask", true), new Getopt.Spec('d', "directory", true),
            new Getopt.Spec('l', "logfile", true), new Getopt.Spec('y', "logfile_maxbytes", true),
            new Getopt.Spec('z', "logfile_backups", true), new Getopt.Spec('e', "loglevel", true),
            new Getopt.Spec('j', "pidfile", true), new Getopt.Spec('i', "identifier", true),
            new Getopt.Spec('q', "childlogdir", true), new Getopt.Spec('k', "nocleanup", false),
            new Getopt.Spec('a', "minfds", true), new Getopt.Spec('t', "strip_ansi", false),
            new Getopt.Spec((char) 0, "minprocs", true), new Getopt.Spec((char) 0, "profile_options", true),
            new Getopt.Spec((char) 0, "check", false), new Getopt.Spec((char) 0, "json", false),
            new Getopt.Spec((char) 0, "daemonized", false)));

    static final String USAGE = String.join("\n",
            "steward supervisord -- run a set of applications as daemons (a drop-in supervisord).",
            "",
            "Usage: steward supervisord [options]",
            "",
            "Options:",
            "-c/--configuration FILENAME -- configuration file path (searches if not given)",
            "-n/--nodaemon -- run in the foreground (same as 'nodaemon=true' in config file)",
            "-s/--silent -- no logs to stdout (maps to 'silent=true' in config file)",
            "-h/--help -- print this usage message and exit",
            "-v/--version -- print the version number and exit",
            "-u/--user USER -- run as this user (or numeric uid)",
            "-m/--umask UMASK -- use this umask for daemon subprocess (default is 022)",
            "-d/--directory DIRECTORY -- directory to chdir to when daemonized",
            "-l/--logfile FILENAME -- use FILENAME as logfile path",
            "-y/--logfile_maxbytes BYTES -- use BYTES to limit the max size of logfile",
            "-z/--logfile_backups NUM -- number of backups to keep when max bytes reached",
            "-e/--loglevel LEVEL -- use LEVEL as log level (debug,info,warn,error,critical)",
            "-j/--pidfile FILENAME -- write a pid file for the daemon process to FILENAME",
            "-i/--identifier STR -- identifier used for this instance of supervisord",
            "-q/--childlogdir DIRECTORY -- the log directory for child process logs",
            "-k/--nocleanup --  prevent the process from performing cleanup (removal of",
            "                   old automatic child log files) at startup.",
            "-a/--minfds NUM -- the minimum number of file descriptors for start success",
            "-t/--strip_ansi -- strip ansi escape codes from process output",
            "--minprocs NUM  -- the minimum number of processes available for start success",
            "--check -- parse the configuration only: exit 0, or 2 with the error (Steward)",
            "--check --json -- print the effective processes as JSON (Steward)");

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
            out.println(USAGE);
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
