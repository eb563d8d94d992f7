package steward.agent.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15: the daemon started the way an unlucky operator starts it (defects 4 and 12). */
class DaemonHardeningIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private Path conf(String extra) throws Exception {
        return Files.writeString(dir.resolve("supervisord.conf"), "[supervisord]\nlogfile=" + dir.resolve("supervisord.log")
                + "\npidfile=" + dir.resolve("sd.pid") + "\nchildlogdir=" + dir + "\n\n" + extra);
    }

    /** {@code sh -c "trap '' TERM INT; exec bin/steward supervisord -n -c CONF"}: the daemon starts with both ignored. */
    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT"})
    void stopsOnSignalsThatWereIgnoredWhenItStarted(String signal) throws Exception {
        String m = "41" + System.nanoTime() % 100000;
        Path c = conf("[program:one]\ncommand=sleep 4" + m + "\nstartsecs=0\n");
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", "trap '' TERM INT; exec \"$0\" supervisord -n -c \"$1\"",
                Steward.BIN.toString(), c.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("out").toFile()).redirectInput(new File("/dev/null"));
        pb.environment().put("STEWARD_NO_BUILD", "1");
        Process p = pb.start();
        try {
            await().atMost(WAIT).until(() -> Procs.withMarker(m).size() == 1);
            assertTrue(Files.readString(Path.of("/proc/" + p.pid() + "/cmdline")).contains("steward.agent.Main"),
                    "the shell exec'd the JVM, which inherited the ignored dispositions");
            new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the daemon stopped on SIG" + signal);
            assertEquals(0, p.exitValue());
            assertEquals(List.of(), Procs.withMarker(m));
            assertTrue(Files.readString(dir.resolve("supervisord.log")).contains("received SIG" + signal
                    + " indicating exit request"));
        } finally {
            p.destroyForcibly();
        }
    }

    /** supervisord's words and exit code for a busy [inet_http_server] port, in the foreground and backgrounded. */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aBusyInetPortIsSupervisordsErrorAndExitTwo(boolean foreground) throws Exception {
        try (ServerSocket busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            String m = "42" + System.nanoTime() % 100000;
            Path c = conf("[inet_http_server]\nport=127.0.0.1:" + busy.getLocalPort() + "\n\n[program:one]\ncommand=sleep 4"
                    + m + "\nstartsecs=0\n");
            Steward.Result r = foreground ? Steward.run(dir, "supervisord", "-n", "-c", c.toString())
                    : Steward.run(dir, "supervisord", "-c", c.toString());
            assertEquals(2, r.exitCode(), r.stderr());
            assertEquals("Error: Another program is already listening on a port that one of our HTTP servers is configured"
                    + " to use.  Shut this program down first before starting supervisord.\n"
                    + "For help, use steward supervisord -h\n", r.stderr());
            assertEquals(List.of(), Procs.withMarker(m));
            assertFalse(Files.exists(dir.resolve("sd.pid")));
        }
    }

    private Steward.Result ctl(String... args) throws Exception {
        String[] cmd = new String[args.length + 3];
        cmd[0] = "/usr/bin/supervisorctl";
        cmd[1] = "-s";
        cmd[2] = "unix://" + dir.resolve("s.sock");
        System.arraycopy(args, 0, cmd, 3, args.length);
        return Apps.exec(Files.createDirectories(dir.resolve("ctl")), cmd); // not beside supervisord.conf, which it would read
    }

    private static final String SOCKET = "[unix_http_server]\nfile=%(here)s/s.sock\n\n[rpcinterface:supervisor]\n"
            + "supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface\n\n";

    /** Defect 3: a log path that is a directory: --check says so; at run time the others run, that one backs off. */
    @Test
    void aLogPathThatIsADirectoryFailsThatProgramOnly() throws Exception {
        Apps.requireTool("supervisorctl");
        Path logdir = Files.createDirectory(dir.resolve("logdir"));
        String m = "43" + System.nanoTime() % 100000;
        Path c = conf(SOCKET + "[program:a]\ncommand=sleep 1" + m + "\n\n[program:bad]\ncommand=sleep 2" + m
                + "\nstdout_logfile=" + logdir + "/\nstartretries=1\n\n[program:c]\ncommand=sleep 3" + m + "\n");
        Steward.Result check = Steward.run(dir, "supervisord", "--check", "-c", c.toString());
        assertEquals(2, check.exitCode(), check.stdout());
        assertTrue(check.stderr().contains(c + ":15: [program:bad] stdout_logfile: '" + logdir + "' is a directory"),
                check.stderr());
        try (Steward s = Steward.start(dir, "supervisord", "-n", "-c", c.toString())) {
            await().atMost(WAIT).until(() -> ctl("status").stdout().contains("FATAL"));
            String status = ctl("status").stdout();
            assertTrue(status.matches("(?s)a +RUNNING .*\nbad +FATAL +unknown error making dispatchers for 'bad': "
                    + "cannot open log file " + logdir + ": EISDIR \\(Is a directory\\)\nc +RUNNING .*"), status);
            assertEquals(2, Procs.withMarker(m).size());
            Steward.Result update = ctl("update");
            assertEquals(0, update.exitCode(), update.stdout());
        }
    }

    /** Defect 3: under {@code ulimit -n 64}, programs that find no descriptors fail alone; the daemon answers, idle. */
    @Test
    void outOfDescriptorsDegradesPerProgramNotTheDaemon() throws Exception {
        Apps.requireTool("supervisorctl");
        String m = "44" + System.nanoTime() % 100000;
        StringBuilder programs = new StringBuilder(SOCKET);
        for (int i = 10; i < 30; i++) {
            programs.append("[program:p").append(i).append("]\ncommand=sleep ").append(i).append(m)
                    .append("\nstartsecs=0\nstartretries=1\n\n");
        }
        Path c = conf(programs.toString()).resolveSibling("supervisord.conf");
        Files.writeString(c, Files.readString(c).replace("[supervisord]\n", "[supervisord]\nminfds=32\n"));
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", "ulimit -n 64; exec \"$0\" supervisord -n -c \"$1\"",
                Steward.BIN.toString(), c.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("out").toFile()).redirectInput(new File("/dev/null"));
        pb.environment().put("STEWARD_NO_BUILD", "1");
        Process p = pb.start();
        try {
            await().atMost(WAIT).until(() -> {
                String st = ctl("status").stdout();
                return st.lines().count() == 20 && st.lines().allMatch(l -> l.contains(" RUNNING ") || l.contains(" FATAL "));
            });
            String status = ctl("status").stdout();
            long running = status.lines().filter(l -> l.contains(" RUNNING ")).count();
            assertTrue(running >= 1 && running < 20, status);
            assertTrue(status.lines().filter(l -> l.contains(" FATAL ")).allMatch(l -> l.contains("too many open files")),
                    status);
            assertEquals(running, Procs.withMarker(m).size());
            String stat = Files.readString(Path.of("/proc/" + p.pid() + "/stat"));
            long ticks = Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[11]);
            assertTrue(ctl("status").exitCode() == 3);
            String after = Files.readString(Path.of("/proc/" + p.pid() + "/stat"));
            long ticks2 = Long.parseLong(after.substring(after.lastIndexOf(')') + 2).split(" ")[11]);
            assertTrue(ticks2 - ticks < 100, "the daemon is not spinning: " + (ticks2 - ticks) + " ticks for one status");
        } finally {
            new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor();
            p.waitFor(30, TimeUnit.SECONDS);
            p.destroyForcibly();
        }
    }

    /** Defect 8: programs get the soft open-files limit the daemon was started with, or minfds's when higher. */
    @ParameterizedTest
    @ValueSource(ints = {256, 700})
    void programsInheritTheStartingSoftLimitOrMinfds(int minfds) throws Exception {
        Path c = conf("[program:limit]\ncommand=/bin/sh -c 'ulimit -Sn > " + dir.resolve("limit") + "; exec sleep 1000'"
                + "\nstartsecs=0\n").resolveSibling("supervisord.conf");
        Files.writeString(c, Files.readString(c).replace("[supervisord]\n", "[supervisord]\nminfds=" + minfds + "\n"));
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", "ulimit -Sn 512; exec \"$0\" supervisord -n -c \"$1\"",
                Steward.BIN.toString(), c.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("out").toFile()).redirectInput(new File("/dev/null"));
        pb.environment().put("STEWARD_NO_BUILD", "1");
        Process p = pb.start();
        try {
            await().atMost(WAIT).until(() -> Files.exists(dir.resolve("limit")) && Files.size(dir.resolve("limit")) > 0);
            assertEquals(Math.max(512, minfds) + "\n", Files.readString(dir.resolve("limit")));
        } finally {
            new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor();
            p.waitFor(30, TimeUnit.SECONDS);
            p.destroyForcibly();
        }
    }

    /** The daemon's live {@code steward-watchdog} children. */
    private static List<Long> watchdogsOf(long daemon) {
        return ProcessHandle.of(daemon).map(h -> h.children()
                .filter(c -> c.info().commandLine().orElse("").contains("steward-watchdog")
                        || readQuietly(c.pid()).startsWith("steward-watchdog"))
                .map(ProcessHandle::pid).toList()).orElse(List.of());
    }

    private static String readQuietly(long pid) {
        try {
            return Files.readString(Path.of("/proc/" + pid + "/cmdline"));
        } catch (java.io.IOException e) {
            return "";
        }
    }

    /** Defect 7: a killed watchdog is reaped, logged and replaced; a SIGKILLed daemon still takes its programs along. */
    @Test
    void aKilledWatchdogIsReapedLoggedAndReplaced() throws Exception {
        String m = "45" + System.nanoTime() % 100000;
        Path c = conf("[program:a]\ncommand=sleep 1" + m + "\nstartsecs=0\n\n[program:b]\ncommand=sleep 2" + m
                + "\nstartsecs=0\n");
        try (Steward s = Steward.start(dir, "supervisord", "-n", "-c", c.toString())) {
            await().atMost(WAIT).until(() -> Procs.withMarker(m).size() == 2 && watchdogsOf(s.pid()).size() == 1);
            long first = watchdogsOf(s.pid()).get(0);
            new ProcessBuilder("kill", "-KILL", Long.toString(first)).start().waitFor();
            await().atMost(WAIT).until(() -> !Files.exists(Path.of("/proc/" + first))
                    && watchdogsOf(s.pid()).size() == 1 && watchdogsOf(s.pid()).get(0) != first);
            String log = Files.readString(dir.resolve("supervisord.log"));
            assertTrue(log.contains("steward-watchdog (pid " + first + ") died (terminated by SIGKILL); restarted as pid "
                    + watchdogsOf(s.pid()).get(0) + " with 2 process groups"), log);
            s.signal("KILL");
            s.waitFor(30);
            await().atMost(WAIT).until(() -> Procs.withMarker(m).isEmpty());
        }
    }
}
