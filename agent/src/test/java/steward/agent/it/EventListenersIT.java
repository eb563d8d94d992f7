package steward.agent.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Event listeners people run, written with Supervisor's own {@code supervisor.childutils} (Debian's
 * python3 module) and run unchanged by {@code steward supervisord}: forwarding PROCESS_LOG to the
 * daemon's stdout, a crash mailer calling sendmail, a memory watcher restarting a program over a limit
 * through XML-RPC, and a listener stopping the daemon when a process is FATAL.
 */
class EventListenersIT {
    static final Path PYTHON = Path.of("/usr/bin/python3");
    static final Path SCRIPTS = Path.of("src/test/resources/listeners").toAbsolutePath();
    private static final Duration WAIT = Duration.ofSeconds(40);

    @TempDir
    Path dir;

    @BeforeAll
    static void childutilsIsInstalled() throws Exception {
        boolean ok = Files.isExecutable(PYTHON)
                && new ProcessBuilder(PYTHON.toString(), "-c", "import supervisor.childutils").start().waitFor() == 0;
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(ok, "CI=true but python3 cannot import supervisor.childutils (apt install supervisor)");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(ok, "supervisor's python module not installed");
    }

    static String script(String name) {
        return PYTHON + " -u " + SCRIPTS.resolve(name);
    }

    /** The head of every conf here: the daemon's log and pidfile, the socket and the RPC interface in the test's directory. */
    private String head() {
        return """
                [supervisord]
                logfile=%1$s/supervisord.log
                pidfile=%1$s/supervisord.pid
                [unix_http_server]
                file=%1$s/supervisor.sock
                [rpcinterface:supervisor]
                supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface
                """.formatted(dir);
    }

    private Path write(String name, String text) throws Exception {
        Path p = Files.writeString(dir.resolve(name), text);
        p.toFile().setExecutable(true);
        return p;
    }

    @Test
    void logForwardingCrashMailAndMemoryWatchListenersWork() throws Exception {
        Path mail = dir.resolve("mail.txt");
        Path sendmail = write("sendmail", "#!/bin/sh\necho \"sendmail $*\" >> " + mail + "\ncat >> " + mail + "\n");
        write("web.sh", "#!/bin/sh\necho hello from web\necho oops on stderr >&2\nexec sleep 1000\n");
        write("crasher.sh", "#!/bin/sh\nsleep 1.5\nexit 7\n");
        write("hog.py", "import time\nx = bytearray(80 * 1024 * 1024)\nfor i in range(0, len(x), 4096):\n"
                + "    x[i] = 1\ntime.sleep(1000)\n");
        Path conf = write("supervisord.conf", head() + """
                [eventlistener:logs]
                command=%2$s
                events=PROCESS_LOG
                stderr_logfile=/dev/stdout
                stderr_logfile_maxbytes=0
                [eventlistener:crashmail]
                command=%3$s %1$s/sendmail
                events=PROCESS_STATE_EXITED
                stderr_logfile=%1$s/crashmail.err
                [eventlistener:memwatch]
                command=%4$s hog 51200
                events=TICK_5
                stderr_logfile=%1$s/memwatch.err
                [program:web]
                command=%1$s/web.sh
                stdout_events_enabled=true
                stderr_events_enabled=true
                [program:crasher]
                command=%1$s/crasher.sh
                autorestart=false
                [program:hog]
                command=%5$s %1$s/hog.py
                startsecs=0
                """.formatted(dir, script("log_forward.py"), script("crashmail.py"), script("memwatch.py"), PYTHON));
        try (Steward steward = Steward.start(dir, "supervisord", "-n", "-c", conf.toString())) {
            await().atMost(WAIT).until(() -> steward.stdout().contains("web stdout | hello from web")
                    && steward.stdout().contains("web stderr | oops on stderr"));
            await().atMost(WAIT).until(() -> Files.exists(mail) && Files.readString(mail).contains("exited unexpectedly"));
            String sent = Files.readString(mail);
            assertTrue(sent.startsWith("sendmail -t -i\nTo: ops@example.com\nSubject: crasher crashed\n"), sent);
            Matcher m = Pattern.compile("Process crasher in group crasher exited unexpectedly \\(pid (\\d+)\\) from "
                    + "state RUNNING").matcher(sent);
            assertTrue(m.find(), sent);
            Path memlog = dir.resolve("memwatch.err");
            await().atMost(WAIT).until(() -> Files.exists(memlog) && Files.readString(memlog).contains("restarted hog"));
            Matcher r = Pattern.compile("restarted hog \\(pid (\\d+), rss (\\d+) kB > 51200 kB\\)")
                    .matcher(Files.readString(memlog));
            assertTrue(r.find());
            assertTrue(Integer.parseInt(r.group(2)) > 51200);
            int oldPid = Integer.parseInt(r.group(1));
            await().atMost(WAIT).until(() -> hogPid(dir) > 0 && hogPid(dir) != oldPid);
            steward.signal("TERM");
            assertEquals(0, steward.waitFor(60));
        }
    }

    private static int hogPid(Path dir) throws Exception {
        Process p = new ProcessBuilder(PYTHON.toString(), SCRIPTS.resolve("rpc.py").toString(),
                dir.resolve("supervisor.sock").toString(), "supervisor.getProcessInfo", "hog").start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        Matcher m = Pattern.compile("'pid': (\\d+)").matcher(out);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    @Test
    void aListenerStopsTheDaemonWhenAProcessIsFatal() throws Exception {
        Path conf = write("supervisord.conf", head() + """
                [eventlistener:fatal]
                command=%2$s
                events=PROCESS_STATE_FATAL
                stderr_logfile=%1$s/fatal.err
                [program:broken]
                command=/bin/false
                startretries=1
                [program:fine]
                command=/bin/sleep 1000
                """.formatted(dir, script("fatal_stop.py")));
        try (Steward steward = Steward.start(dir, "supervisord", "-n", "-c", conf.toString())) {
            assertEquals(0, steward.waitFor(60), "the listener's supervisor.shutdown() ends the daemon");
            assertEquals("broken entered FATAL, shutting supervisord down\n", Files.readString(dir.resolve("fatal.err")));
            String log = Files.readString(dir.resolve("supervisord.log"));
            assertTrue(log.contains("gave up: broken entered FATAL state"), log);
            assertTrue(log.contains("stopped: fine (terminated by SIGTERM)"), log);
        }
    }

    /**
     * Issue 24 item 10: a listener that answers {@code RESULT 1000000000} and streams goes UNKNOWN
     * past the protocol's bound, logged once, and is restarted; the event it held goes to its
     * successor (it used to be buffered until the daemon ran out of heap).
     */
    @Test
    void aListenerOverrunningTheProtocolBufferIsRestarted() throws Exception {
        Path spawns = dir.resolve("spawns");
        Path heard = dir.resolve("heard");
        write("flood.py", """
                import os, sys
                first = not os.path.exists(sys.argv[1])
                open(sys.argv[1], 'a').write('spawn\\n')
                sys.stdout.write('READY\\n'); sys.stdout.flush()
                while True:
                    headers = dict(x.split(':') for x in sys.stdin.readline().split())
                    sys.stdin.read(int(headers['len']))
                    if first:
                        sys.stdout.write('RESULT 1000000000\\n')
                        while True:
                            sys.stdout.write('x' * 65536); sys.stdout.flush()
                    open(sys.argv[2], 'a').write(headers['eventname'] + '\\n')
                    sys.stdout.write('RESULT 2\\nOKREADY\\n'); sys.stdout.flush()
                """);
        Path conf = write("supervisord.conf", head() + """
                [eventlistener:flood]
                command=%2$s -u %1$s/flood.py %3$s %4$s
                events=PROCESS_STATE
                stdout_logfile=NONE
                [program:ticker]
                command=/bin/sleep 1000
                startsecs=0
                """.formatted(dir, PYTHON, spawns, heard));
        try (Steward steward = Steward.start(dir, "supervisord", "-n", "-c", conf.toString())) {
            await().atMost(WAIT).until(() -> Files.exists(spawns) && Files.readString(spawns).equals("spawn\nspawn\n"));
            await().atMost(WAIT).until(() -> Files.exists(heard) && Files.readString(heard).contains("PROCESS_STATE_RUNNING"));
            String log = Files.readString(dir.resolve("supervisord.log"));
            assertEquals(1, log.split("protocol buffer overflowed", -1).length - 1, log);
            assertTrue(log.contains("flood: has entered the UNKNOWN state: its protocol buffer overflowed (a result of "
                    + "1000000000 bytes, more than 65536); it is restarted"), log);
            steward.signal("TERM");
            assertEquals(0, steward.waitFor(60));
        }
    }
}
