package steward.agent.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One conf with a recording event listener (Supervisor's childutils; it writes every header and
 * payload it receives) and an fcgi-program, run on supervisord 4.2.5 and on {@code steward supervisord}:
 * the sets of events received (payload bytes equal after masking pids; serials aside) must be the
 * same, and on both the fcgi socket answers from fd 0 of its processes, has the configured mode, and
 * is closed once its last process stopped.
 */
class ListenerDifferentialIT {
    private static final String SUPERVISORD = "/usr/bin/supervisord";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @BeforeAll
    static void tools() throws Exception {
        SupervisorctlDifferentialIT.require(SUPERVISORD);
        EventListenersIT.childutilsIsInstalled();
    }

    /** What one daemon did: the masked events, and what its fcgi sockets did. */
    record Outcome(TreeSet<String> events, String tcpAnswer, String unixAnswer, String unixMode, boolean closedAfterStop) {
    }

    @Test
    void aRecordingListenerHearsTheSameEventsAndTheFcgiSocketBehavesTheSame() throws Exception {
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            Future<Outcome> supervisord = two.submit(() -> run(List.of(SUPERVISORD, "-n", "-c"),
                    Files.createDirectories(dir.resolve("supervisord"))));
            Future<Outcome> steward = two.submit(() -> run(List.of(Steward.BIN.toString(), "supervisord", "-n", "-c"),
                    Files.createDirectories(dir.resolve("steward"))));
            Outcome expected = supervisord.get(180, TimeUnit.SECONDS);
            Outcome actual = steward.get(180, TimeUnit.SECONDS);
            Files.writeString(Path.of("target", "listener-events-supervisord.txt"), String.join("\n", expected.events()));
            Files.writeString(Path.of("target", "listener-events-steward.txt"), String.join("\n", actual.events()));
            assertEquals(String.join("\n", expected.events()), String.join("\n", actual.events()));
            assertEquals(expected, actual);
            assertEquals("fcgi fcgi_tcp_NN PID", actual.tcpAnswer());
            assertEquals("rw-rw----", actual.unixMode());
            assertTrue(actual.closedAfterStop());
        } finally {
            two.shutdownNow();
        }
    }

    /**
     * Issue 24 item 11: a recording listener that takes 0.2 s per event hears the STOPPING and
     * STOPPED of every program stopped at a shutdown (they used to stay in its pool's buffer when it
     * was stopped right after the last program), and everything supervisord's hears in the same run.
     * supervisord itself is not reliable here: it stops a listener once the groups before it are
     * stopped, whatever is still buffered, so Steward must hear at least what it hears.
     */
    @Test
    void aListenerStopsLastAfterHearingTheShutdownsStops() throws Exception {
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            Future<TreeSet<String>> supervisord = two.submit(() -> shutdown(List.of(SUPERVISORD, "-n", "-c"),
                    Files.createDirectories(dir.resolve("supervisord-stop"))));
            Future<TreeSet<String>> steward = two.submit(() -> shutdown(List.of(Steward.BIN.toString(), "supervisord",
                    "-n", "-c"), Files.createDirectories(dir.resolve("steward-stop"))));
            TreeSet<String> expected = supervisord.get(180, TimeUnit.SECONDS);
            TreeSet<String> actual = steward.get(180, TimeUnit.SECONDS);
            TreeSet<String> missing = new TreeSet<>(expected);
            missing.removeAll(actual);
            assertEquals(new TreeSet<String>(), missing, "heard under supervisord, not under Steward");
            for (String p : List.of("a", "b", "c")) {
                for (String state : List.of("STOPPING", "STOPPED")) {
                    assertTrue(actual.stream().anyMatch(e -> e.contains("PROCESS_STATE_" + state)
                            && e.contains("processname:" + p + " ")), p + " " + state + " in " + String.join("\n", actual));
                }
            }
        } finally {
            two.shutdownNow();
        }
    }

    private TreeSet<String> shutdown(List<String> daemon, Path d) throws Exception {
        Path events = d.resolve("events.jsonl");
        Process p = start(daemon, d, """
                [eventlistener:recorder]
                command=%2$s %1$s/events.jsonl --delay=0.2
                events=PROCESS_STATE
                buffer_size=50
                [program:a]
                command=/bin/sleep 1000
                [program:b]
                command=/bin/sleep 1001
                priority=500
                [program:c]
                command=/bin/sleep 1002
                priority=998
                """.formatted(d, EventListenersIT.script("record.py")));
        try {
            await().atMost(WAIT).until(() -> count(events, "PROCESS_STATE_RUNNING") >= 4);
            p.destroy();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "stopped on SIGTERM");
            return masked(events, d);
        } finally {
            p.destroyForcibly();
        }
    }

    /** Starts {@code daemon} on the usual head (logs, socket and RPC in {@code d}) followed by {@code sections}. */
    private static Process start(List<String> daemon, Path d, String sections) throws Exception {
        Path conf = script(d, "supervisord.conf", """
                [supervisord]
                logfile=%1$s/supervisord.log
                pidfile=%1$s/supervisord.pid
                childlogdir=%1$s
                [unix_http_server]
                file=%1$s/supervisor.sock
                [rpcinterface:supervisor]
                supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface
                """.formatted(d) + sections);
        ProcessBuilder pb = new ProcessBuilder(new java.util.ArrayList<>(daemon)).redirectErrorStream(true)
                .redirectOutput(d.resolve("daemon.out").toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.command().add(conf.toString());
        pb.environment().put("STEWARD_NO_BUILD", "1");
        return pb.start();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static Path script(Path dir, String name, String text) throws Exception {
        Path p = Files.writeString(dir.resolve(name), text);
        p.toFile().setExecutable(true);
        return p;
    }

    private Outcome run(List<String> daemon, Path d) throws Exception {
        int port = freePort();
        Path events = d.resolve("events.jsonl");
        script(d, "crash.sh", "#!/bin/sh\necho out\necho err >&2\nsleep 2\nexit 3\n");
        script(d, "comm.sh", "#!/bin/sh\nprintf 'before the block\\n<!--XSUPERVISOR:BEGIN-->payload line\\n"
                + "<!--XSUPERVISOR:END-->after the block, long enough to pass the token\\n'\nexec sleep 1000\n");
        Process p = start(daemon, d, """
                [eventlistener:recorder]
                command=%2$s %1$s/events.jsonl
                events=PROCESS_STATE,PROCESS_LOG,PROCESS_COMMUNICATION,PROCESS_GROUP,SUPERVISOR_STATE_CHANGE,REMOTE_COMMUNICATION
                buffer_size=200
                [program:ok]
                command=/bin/sleep 1000
                [program:crash]
                command=%1$s/crash.sh
                autorestart=false
                stdout_events_enabled=true
                stderr_events_enabled=true
                [program:fatal]
                command=/bin/false
                startretries=1
                [program:comm]
                command=%1$s/comm.sh
                stdout_capture_maxbytes=1KB
                [fcgi-program:fcgi_tcp]
                command=%3$s
                socket=tcp://127.0.0.1:%4$d
                process_name=%%(program_name)s_%%(process_num)02d
                numprocs=2
                [fcgi-program:fcgi_unix]
                command=%3$s
                socket=unix://%1$s/%%(program_name)s.sock
                socket_mode=0660
                """.formatted(d, EventListenersIT.script("record.py"), EventListenersIT.script("fcgi_answer.py"), port));
        try {
            await().atMost(WAIT).until(() -> recorded(events, "PROCESS_STATE_FATAL") && recorded(events, "PROCESS_STATE_EXITED")
                    && recorded(events, "PROCESS_COMMUNICATION_STDOUT") && count(events, "PROCESS_STATE_RUNNING") >= 7);
            rpc(d, "supervisor.sendRemoteCommEvent", "deploy", "caf\u00e9 \"done\"");
            await().atMost(WAIT).until(() -> recorded(events, "REMOTE_COMMUNICATION"));
            String tcp = answer(new InetSocketAddress("127.0.0.1", port));
            Path sock = d.resolve("fcgi_unix.sock");
            String unix = Apps.answerUnix(sock);
            String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(sock));
            TreeSet<String> seen = masked(events, d);
            rpc(d, "supervisor.stopProcessGroup", "fcgi_tcp");
            boolean closed;
            try {
                answer(new InetSocketAddress("127.0.0.1", port));
                closed = false;
            } catch (ConnectException e) {
                closed = true;
            }
            // either process of the pool may accept: both answer from the one socket
            return new Outcome(seen, tcp.replaceAll("_\\d\\d \\d+$", "_NN PID"), unix.replaceAll("\\d+$", "PID"), mode, closed);
        } finally {
            p.destroy();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    private static boolean recorded(Path events, String name) throws Exception {
        return count(events, name) > 0;
    }

    private static long count(Path events, String name) throws Exception {
        if (!Files.exists(events)) {
            return 0;
        }
        return Files.readAllLines(events).stream().filter(l -> l.contains("\"eventname\": \"" + name + "\"")).count();
    }

    /** Every recorded event without its serials, with pids and the run's directory masked. */
    private static TreeSet<String> masked(Path events, Path d) throws Exception {
        TreeSet<String> out = new TreeSet<>();
        for (String line : Files.readAllLines(events, StandardCharsets.UTF_8)) {
            assertTrue(line.contains("\"len_ok\": true"), line);
            out.add(line.replaceAll("\"(pool)?serial\": \"\\d+\", ", "").replaceAll("\"len\": \"\\d+\", ", "")
                    .replaceAll("pid:\\d+", "pid:N").replace(d.toString(), "DIR"));
        }
        return out;
    }

    private static String answer(InetSocketAddress address) throws Exception {
        try (Socket s = new Socket()) {
            s.connect(address, 5000);
            s.setSoTimeout(5000);
            return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine();
        }
    }

    private static void rpc(Path d, String method, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(EventListenersIT.PYTHON.toString(),
                EventListenersIT.SCRIPTS.resolve("rpc.py").toString(), d.resolve("supervisor.sock").toString(), method));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), method + ": " + out);
    }

}
