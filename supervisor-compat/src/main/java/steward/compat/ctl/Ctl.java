package steward.compat.ctl;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import steward.compat.cli.Getopt;

/**
 * supervisorctl: {@code [-c FILE] [-s URL] [-u USER] [-p PASS] VERB [ARGS…]} runs one command,
 * printing what supervisorctl prints and returning its exit status; without a command it is the
 * shell ({@link Shell}), with line editing, history and completion on a terminal.
 */
public final class Ctl {
    /** What {@link #execute} returns after a 401, for the shell to ask for credentials (exit status 1). */
    static final int AUTH_REQUIRED = -401;

    static final Map<String, Verb> VERBS = Map.ofEntries(
            Map.entry("status", new StatusCommand()), Map.entry("start", new StartCommand()),
            Map.entry("stop", new StopCommand()), Map.entry("restart", new RestartCommand()),
            Map.entry("signal", new SignalCommand()), Map.entry("pid", new PidCommand()),
            Map.entry("tail", new TailCommand()), Map.entry("maintail", new MaintailCommand()),
            Map.entry("clear", new ClearCommand()), Map.entry("avail", new AvailCommand()),
            Map.entry("reread", new RereadCommand()), Map.entry("update", new UpdateCommand()),
            Map.entry("add", GroupCommands.ADD), Map.entry("remove", GroupCommands.REMOVE),
            Map.entry("reload", DaemonCommands.RELOAD), Map.entry("shutdown", DaemonCommands.SHUTDOWN),
            Map.entry("version", DaemonCommands.VERSION), Map.entry("cron", new CronStatusCommand()));

    private Ctl() {
    }

    /** Runs one command; returns supervisorctl's exit status. {@code tail -f} runs until interrupted. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        return run(args, System.in, out, err);
    }

    /**
     * As {@link #run(List, PrintStream, PrintStream)}; without a command, the shell reads {@code in}
     * (edited on a terminal when {@code in} is the process's stdin and both ends are one).
     */
    public static int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
        Getopt.Parsed opts;
        try {
            opts = CtlDoc.DOC.getopt().parse(args);
        } catch (Getopt.BadOption e) {
            err.println("Error: " + e.getMessage());
            err.println("For help, use steward ctl -h");
            return 2;
        }
        if (opts.has("help")) {
            out.print(CtlDoc.DOC.usage());
            return 0;
        }
        // -i: the shell is what no command means; with a command, it is ignored
        String conf = opts.value("configuration").orElse(null);
        String url = opts.value("serverurl").orElse(null);
        String user = opts.value("username").orElse(null);
        String pass = opts.value("password").orElse(null);
        String historyOption = opts.value("history_file").orElse(null);
        List<String> action = opts.operands();
        Optional<CtlConf> file;
        try {
            file = configuration(conf);
            if (url == null) {
                url = file.flatMap(CtlConf::serverurl).orElse("http://localhost:9001");
            }
            if (user == null) {
                user = file.flatMap(CtlConf::username).orElse(null);
            }
            if (pass == null) {
                pass = file.flatMap(CtlConf::password).orElse(null);
            }
        } catch (IOException e) {
            err.println("Error: could not read config file " + conf + ": " + e.getMessage());
            return 2;
        }
        Shell shell = new Shell(url, user, pass, out);
        if (!action.isEmpty()) {
            shell.onecmd(String.join(" ", action));
            return shell.exit;
        }
        if (in == System.in && stdinLost()) {
            shell.onecmd("status"); // the shell's first command; its first input() then finds no stdin
            out.flush();
            err.println("RuntimeError: input(): lost sys.stdin");
            return 1;
        }
        String prompt = file.map(CtlConf::prompt).orElse("supervisor") + "> ";
        Optional<Path> history = historyOption != null ? Optional.of(Path.of(historyOption).toAbsolutePath())
                : file.flatMap(CtlConf::historyFile);
        LineSource lines = in == System.in && terminal()
                ? TerminalLines.open(in, out, history, new Completion(shell)).orElse(null) : null;
        return shell.loop(lines != null ? lines : new PlainLines(in, out, err), prompt);
    }

    /**
     * Whether the process was started with stdin closed: the launcher says so (it puts /dev/null in
     * its place), or, started another way, fd 0 is a file the JVM opened for itself (its lib/modules),
     * which must not be read as commands.
     */
    static boolean stdinLost() {
        if ("closed".equals(System.getProperty("steward.stdin"))) {
            return true;
        }
        Path fd0 = Path.of("/proc/self/fd/0");
        if (!Files.isDirectory(fd0.getParent())) {
            return false; // no /proc to ask
        }
        if (!Files.exists(fd0, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        try {
            return fd0.toRealPath().startsWith(Path.of(System.getProperty("java.home")).toRealPath());
        } catch (IOException | RuntimeException e) {
            return false; // a pipe or socket: not a file the JVM opened
        }
    }

    /** Whether stdin and stdout are a terminal (Console.isTerminal where the JDK has it, 22+). */
    private static boolean terminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // before JDK 22 a console exists only on a terminal
        }
    }

    private static Optional<CtlConf> configuration(String conf) throws IOException {
        if (conf != null) {
            return Optional.of(CtlConf.read(Path.of(conf)));
        }
        for (String candidate : CtlConf.SEARCH) {
            if (Files.isRegularFile(Path.of(candidate))) {
                return Optional.of(CtlConf.read(Path.of(candidate)));
            }
        }
        return Optional.empty();
    }

    static int execute(String verbName, List<String> args, CtlClient client, PrintStream out) {
        Session s = new Session(client, out);
        Verb verb = VERBS.get(verbName);
        try (client) {
            if (verb == null) {
                s.output("*** Unknown syntax: " + String.join(" ", prepend(verbName, args)));
                return Session.GENERIC;
            }
            verb.run(s, args);
        } catch (HttpStatusException e) {
            s.exit = Session.GENERIC;
            if (e.status() == 401) {
                s.output("Server requires authentication");
                return AUTH_REQUIRED;
            } else {
                s.output("error: <class 'xmlrpc.client.ProtocolError'>, <ProtocolError for " + client.serverurl()
                        + "/RPC2: " + e.getMessage() + ">");
            }
        } catch (ServerFault f) {
            s.exit = Session.GENERIC;
            s.output("error: " + f.pythonRepr());
        } catch (IOException | RuntimeException e) {
            s.exit = Session.GENERIC;
            s.output("error: " + e.getClass().getSimpleName() + ", " + e.getMessage());
        }
        out.flush();
        return s.exit;
    }

    private static List<String> prepend(String first, List<String> rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(rest);
        return all;
    }
}
