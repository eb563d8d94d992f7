package steward.agent.it;

import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import steward.compat.ctl.Ctl;

/**
 * One script of real supervisorctl commands against one daemon ({@code steward supervisord} or
 * supervisord), recorded as a {@link Transcript}. Before each step it waits until no process is in a
 * passing state, and for the programs the step expects to be running, so timing never reaches output.
 */
final class CtlScript {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Set<String> PASSING = Set.of("STARTING", "BACKOFF", "STOPPING");

    /** How to run a daemon with {@code -n -c conf}. */
    record Daemon(String name, List<String> command) {
        static Daemon steward() {
            return new Daemon("steward", List.of(Steward.BIN.toString(), "supervisord", "-n", "-c"));
        }

        static Daemon supervisord() {
            return new Daemon("supervisord", List.of("/usr/bin/supervisord", "-n", "-c"));
        }
    }

    private final Path dir;
    private final Path conf;
    private final Supervisorctl ctl;
    private final Transcript transcript;

    private CtlScript(Path dir) throws Exception {
        this.dir = dir;
        this.conf = dir.resolve("supervisord.conf");
        this.ctl = new Supervisorctl(conf, Files.createDirectories(dir.resolve("ctl")));
        this.transcript = new Transcript(dir.toString());
    }

    /** Runs the whole script against {@code daemon} in {@code dir} and returns the transcript. */
    static Transcript run(Daemon daemon, Path dir) throws Exception {
        CtlScript s = new CtlScript(dir);
        s.writeConf(false);
        Path noexec = Files.writeString(dir.resolve("noexec.sh"), "#!/bin/sh\nexit 0\n");
        noexec.toFile().setExecutable(false);
        Files.createDirectories(dir.resolve("logs"));
        List<String> cmd = new ArrayList<>(daemon.command());
        cmd.add(s.conf.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("daemon.out").toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().put("STEWARD_NO_BUILD", "1");
        Process p = pb.start();
        try {
            s.script();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                throw new AssertionError(daemon.name() + " did not exit after shutdown");
            }
            s.transcript.add(new Transcript.Entry("(daemon exit status)", "", "", p.exitValue()));
        } finally {
            if (p.isAlive()) {
                p.destroy();
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
        return s.transcript;
    }

    private void writeConf(boolean edited) throws Exception {
        String sock = dir.resolve("s.sock").toString();
        // the edit adds a line above every section: moved sections are not "changed" (issue 24 item 6)
        StringBuilder c = new StringBuilder(edited ? "; edited: everything below moved down a line\n" : "")
                .append("[unix_http_server]\nfile=").append(sock).append("\n\n")
                .append("[supervisord]\nlogfile=").append(dir.resolve("sd.log")).append("\npidfile=")
                .append(dir.resolve("sd.pid")).append("\nchildlogdir=").append(dir.resolve("logs")).append("\n\n")
                .append("[rpcinterface:supervisor]\n")
                .append("supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface\n\n")
                .append("[supervisorctl]\nserverurl=unix://").append(sock).append("\n\n")
                .append(program("talker", "/bin/sh -c \"trap '' HUP USR1; echo hello-out; echo hello-err >&2; exec sleep 1000\"", ""))
                .append(program("follow", "/bin/sh -c \"trap '' HUP USR1; echo first; while [ ! -e " + dir.resolve("go")
                        + " ]; do sleep 0.05; done; echo second; exec sleep 1000\"", ""))
                .append(program("ga", "sleep 1001", "priority=10\n"))
                .append(program("gb", edited ? "sleep 1003" : "sleep 1002", "autostart=false\npriority=20\n"))
                .append("[group:grp]\nprograms=ga,gb\n\n")
                .append(program("quick", "/bin/sh -c 'exit 3'", "autostart=false\nstartsecs=1\nstartretries=0\n"))
                .append(program("ev", python("record.py " + dir.resolve("events.jsonl")), "events=PROCESS_STATE\n")
                        .replace("[program:", "[eventlistener:"))
                .append(program("fc", python("fcgi_answer.py"), "socket=unix://" + dir.resolve("fc.sock") + "\n")
                        .replace("[program:", "[fcgi-program:"));
        if (edited) {
            c.append(program("newprog", "sleep 1004", ""));
        } else {
            c.append(program("noexec", dir.resolve("noexec.sh").toString(), "autostart=false\n"));
        }
        Files.writeString(conf, c.toString());
    }

    /** A Python listener or fcgi child from the test resources, ignoring the signals the script sends. */
    private static String python(String scriptAndArgs) {
        return "/bin/sh -c \"trap '' HUP USR1; exec " + EventListenersIT.script(scriptAndArgs) + "\"";
    }

    private static String program(String name, String command, String extra) {
        // signals used by the script are ignored by the children, so signalling changes no state
        String cmd = command.startsWith("sleep") ? "/bin/sh -c \"trap '' HUP USR1; exec " + command + "\"" : command;
        return "[program:" + name + "]\ncommand=" + cmd + "\nstartsecs=0\n" + extra + "\n";
    }

    private void script() throws Exception {
        awaitRunning("talker", "follow", "grp:ga", "ev", "fc");
        steps("status", "status ev fc", "stop fc", "status fc", "start fc", "restart ev", "status talker grp:*", "status grp", "status nosuch grp: quick",
                "stop talker", "stop talker", "status talker", "start talker", "start talker",
                "start nosuch", "start gb", "start grp:*", "stop grp:*", "start grp:gb", "stop nosuchgroup:*",
                "start quick", "status quick", "start noexec", "status noexec",
                "stop all", "status", "start all", "status", "restart talker", "restart all",
                "signal HUP talker", "signal USR1 grp:*", "signal HUP all", "signal BOGUS talker",
                "signal HUP quick", "signal HUP nosuch", "stop grp:gb", "signal USR1 grp:gb",
                "pid", "pid talker", "pid all", "pid nosuch", "pid grp:gb",
                "tail talker", "tail talker stderr", "tail -4 talker", "tail -3 talker stderr", "tail nosuch",
                "tail follow");
        follow();
        steps("maintail -1", "clear talker", "tail talker", "clear nosuch", "clear all", "avail");
        writeConf(true);
        steps("reread", "avail", "update");
        awaitRunning("newprog", "grp:ga");
        steps("status", "remove newprog", "stop newprog", "remove newprog", "add newprog", "add newprog",
                "add nosuch", "reread");
        awaitRunning("newprog");
        steps("status", "version", "reload");
        awaitRunning("talker", "follow", "grp:ga", "newprog", "ev", "fc");
        steps("status", "shutdown");
    }

    private void steps(String... commands) throws Exception {
        for (String c : commands) {
            transcript.add(ctl.run(c));
            if (!c.equals("shutdown") && !c.equals("reload")) {
                settle();
            }
        }
    }

    /** {@code tail -f follow}: the first line, then a line written while following, then disconnect. */
    private void follow() throws Exception {
        try (Supervisorctl.Running tail = ctl.start("tail -f follow")) {
            await().atMost(WAIT).until(() -> tail.stdout().contains("first\n"));
            Files.writeString(dir.resolve("go"), "");
            await().atMost(WAIT).until(() -> tail.stdout().contains("second\n"));
            transcript.add(tail.stop());
        }
    }

    /** Waits until status answers and no process is starting, backing off or stopping. */
    private void settle() {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> {
            List<String[]> rows = statusRows();
            return rows != null && rows.stream().noneMatch(r -> PASSING.contains(r[1]));
        });
    }

    private void awaitRunning(String... names) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> {
            List<String[]> rows = statusRows();
            return rows != null && Arrays.stream(names).allMatch(n -> rows.stream()
                    .anyMatch(r -> r[0].equals(n) && r[1].equals("RUNNING")));
        });
    }

    /** (namespec, state) rows of {@code status}, or null when the daemon does not answer it. */
    private List<String[]> statusRows() {
        // Steward's own client, in process: a poll costs a millisecond instead of a Python start
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        int exit = Ctl.run(List.of("-c", conf.toString(), "status"), ps, ps);
        if (exit != 0 && exit != 3) {
            return null;
        }
        return out.toString(StandardCharsets.UTF_8).lines().map(l -> l.trim().split("\\s+"))
                .filter(r -> r.length >= 2).toList();
    }
}
