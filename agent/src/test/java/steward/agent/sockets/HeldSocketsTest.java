package steward.agent.sockets;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import steward.agent.engine.Engine;
import steward.agent.logs.DaemonLog;
import steward.agent.logs.RotatingLogFile;
import steward.agent.os.LibC;
import steward.agent.wiring.EngineWiring;
import steward.compat.api.ProcessInfo;
import steward.compat.api.ProcessRef;
import steward.compat.api.ProcessState;
import steward.compat.config.ConfParser;
import steward.compat.config.SupervisordConf;

/**
 * sockets= with real children through the wiring both daemons use: the fds, the systemd variables
 * (LISTEN_PID the program's own pid, also through user=), READY=1 on the notify pipe, the socket
 * held (connections queue) while the program is stopped, closed with its group, and a socket that
 * cannot be opened is a spawn error.
 */
class HeldSocketsTest {
    /** Prints what it got, says READY=1 and STATUS= on its pipe, then answers each connection with its pid. */
    private static final String CHILD = String.join("\n",
            "import os, socket",
            "e = os.environ",
            "tcp = socket.socket(fileno=os.dup(3))",
            "unix = socket.socket(fileno=os.dup(4))",
            "print('fds=%s names=%s pid_ok=%s' % (e['LISTEN_FDS'], e['LISTEN_FDNAMES'], e['LISTEN_PID'] == str(os.getpid())))",
            "print('fd3=%s:%d fd4=%s' % (tcp.getsockname() + (unix.getsockname(),)))",
            "print('sockets=%s drain=%s notify=%s' % (e['STEWARD_SOCKETS'], e['STEWARD_DRAIN_SECONDS'], e['STEWARD_NOTIFY_FD']))",
            "print('node=%s uid=%d' % (e['NODE_OPTIONS'], os.getuid()), flush=True)",
            "n = int(e['STEWARD_NOTIFY_FD'])",
            "for i in range(500): os.write(n, b'STATUS=warming %d\\n' % i)",
            "os.write(n, b'STATUS=up\\nREADY=1\\n')",
            "while True:",
            "    c, _ = tcp.accept()",
            "    c.sendall(b'%d\\n' % os.getpid())",
            "    c.close()",
            "");

    private Path dir;
    private DaemonLog log;
    private Engine engine;
    private HeldSockets held;

    @BeforeEach
    void dir() throws IOException {
        // readable by a user= program (JUnit's @TempDir is private to us)
        dir = Files.createTempDirectory("held-sockets-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(dir.resolve("child.py"), CHILD);
    }

    @AfterEach
    void stop() throws Exception {
        if (engine != null) {
            engine.shutdown();
            engine.terminated().get(30, TimeUnit.SECONDS);
            log.close();
        }
        TestDirs.deleteTree(dir);
    }

    private static void awaitGone(int pid) {
        await().atMost(Duration.ofSeconds(20)).until(() -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private void start(String program) throws Exception {
        Path conf = dir.resolve("supervisord.conf");
        Files.writeString(conf, "[supervisord]\nlogfile=" + dir.resolve("supervisord.log") + "\n" + program);
        SupervisordConf c = ConfParser.parse(conf, System.getenv(), "box");
        log = new DaemonLog(new RotatingLogFile(dir.resolve("supervisord.log"), 0, 0), null, c.daemon().loglevel());
        EngineWiring.Wired w = EngineWiring.build(c, () -> ConfParser.parse(conf, System.getenv(), "box"), log, null,
                List.of());
        engine = w.engine();
        held = w.heldSockets();
        engine.start();
    }

    private ProcessInfo info(String name) {
        return engine.view().processInfo(new ProcessRef(name, name)).orElseThrow();
    }

    private static String ask(int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(20_000);
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }

    private long stops() throws IOException {
        return Files.readString(dir.resolve("supervisord.log")).lines().filter(l -> l.contains("stopped: web")).count();
    }

    private boolean serving(int pid) throws Exception {
        return engine.loop().call(() -> held.serving(pid)).get(5, TimeUnit.SECONDS);
    }

    @Test
    void aSocketProgramGetsItsSocketsAndVariablesAndTheSocketOutlivesItsProcesses() throws Exception {
        int port = freePort();
        Path sock = dir.resolve("w.sock");
        boolean root = LibC.geteuid() == 0;
        start("[program:web]\ncommand=/usr/bin/python3 -u " + dir.resolve("child.py") + "\nstartsecs=0\n"
                + "sockets=www=tcp://127.0.0.1:" + port + ", unix://" + sock + "\ndrainsecs=7\nready=notify\n"
                + "stdout_logfile=" + dir.resolve("web.log") + "\n" + (root ? "user=nobody\n" : ""));
        await().atMost(Duration.ofSeconds(20)).until(() -> info("web").state() == ProcessState.RUNNING);
        int pid = info("web").pid();
        await().atMost(Duration.ofSeconds(10)).until(() -> serving(pid));
        assertEquals("up", info("web").statusText());
        String out = Files.readString(dir.resolve("web.log"));
        String node = "--require " + Path.of(System.getProperty("java.io.tmpdir"))
                .resolve("steward-node-" + NodePreload.hash(NodePreload.resource())).resolve("node-preload.js");
        assertEquals("fds=2 names=www:unix-w.sock pid_ok=True\n"
                + "fd3=127.0.0.1:" + port + " fd4=" + sock + "\n"
                + "sockets=3=tcp://127.0.0.1:" + port + ",4=unix://" + sock + " drain=7 notify=5\n"
                + "node=" + node + " uid=" + (root ? 65534 : LibC.geteuid()) + "\n", out);
        assertEquals("rw-rw-rw-", PosixFilePermissions.toString(Files.getPosixFilePermissions(sock)));
        assertEquals(String.valueOf(pid), ask(port));
        String text = Files.readString(dir.resolve("supervisord.log"));
        long logged = text.lines().filter(l -> l.contains("status: web: ")).count();
        assertTrue(logged >= 1 && logged <= 12, "501 STATUS= at once are not all logged: " + text);

        engine.stop(new ProcessRef("web", "web"), true).get(20, TimeUnit.SECONDS);
        awaitGone(pid); // a socket program's stop returns once its old process was told to stop: it drains
        assertTrue(!serving(pid), "an exited pid is not serving");
        // stopped: the socket is still held, a connection waits in the backlog for the next process
        try (Socket waiting = new Socket()) {
            waiting.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            waiting.setSoTimeout(20_000);
            engine.start(new ProcessRef("web", "web"), true).get(20, TimeUnit.SECONDS);
            String answer = new String(waiting.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertEquals(String.valueOf(info("web").pid()), answer);
            assertTrue(!answer.equals(String.valueOf(pid)));
        }
        int last = info("web").pid();
        engine.stop(new ProcessRef("web", "web"), true).get(20, TimeUnit.SECONDS);
        awaitGone(last);
        engine.removeGroup("web");
        await().atMost(Duration.ofSeconds(10)).until(() -> engine.loop().call(held::openUrls).get().isEmpty());
        assertThrows(ConnectException.class, () -> ask(port));
        assertTrue(!Files.exists(sock), "the socket file goes with the socket");
    }

    /** supervisorctl update of a changed socket program: remove, then add; the socket stays open between. */
    @Test
    void anUpdatedProgramKeepsItsSocketAcrossRemoveAndAdd() throws Exception {
        int port = freePort();
        String program = "[program:web]\ncommand=/usr/bin/python3 -u " + dir.resolve("child.py") + " %s\nstartsecs=0\n"
                + "sockets=tcp://127.0.0.1:" + port + ", unix://" + dir.resolve("u.sock") + "\n";
        start(String.format(program, "one"));
        await().atMost(Duration.ofSeconds(20)).until(() -> info("web").state() == ProcessState.RUNNING);
        int pid = info("web").pid();
        assertEquals(String.valueOf(pid), ask(port));
        Path conf = dir.resolve("supervisord.conf");
        Files.writeString(conf, Files.readString(conf).replace(" one\n", " two\n"));
        engine.reread();
        engine.stop(new ProcessRef("web", "web"), true).get(20, TimeUnit.SECONDS);
        engine.removeGroup("web");
        // a socket program's stop returns once its old process was told to stop (it drains in the
        // background); the connection below must come while no process runs at all
        awaitGone(pid);
        try (Socket waiting = new Socket()) {
            waiting.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            waiting.setSoTimeout(20_000);
            engine.addGroup("web");
            await().atMost(Duration.ofSeconds(20)).until(() -> info("web").state() == ProcessState.RUNNING);
            String answer = new String(waiting.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertEquals(String.valueOf(info("web").pid()), answer);
        }
        assertTrue(!Files.readString(dir.resolve("supervisord.log")).contains("closing socket"));

        // a reload keeps the sockets the new configuration still names
        int before = info("web").pid();
        long stops = stops();
        engine.restart();
        await().atMost(Duration.ofSeconds(20)).until(() -> stops() > stops);
        String answer = ask(port); // not refused while the old process is gone and the new one may not be there yet
        assertTrue(!answer.equals(String.valueOf(before)), "answered by the reloaded: " + answer);
        assertEquals(List.of("tcp://127.0.0.1:" + port, "unix://" + dir.resolve("u.sock")),
                engine.loop().call(held::openUrls).get());
        assertTrue(!Files.readString(dir.resolve("supervisord.log")).contains("closing socket"));
    }

    @Test
    void aSocketThatCannotBeOpenedIsASpawnErrorNamingUrlAndErrno() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = taken.getLocalPort();
            start("[program:web]\ncommand=/usr/bin/python3 " + dir.resolve("child.py") + "\nstartretries=1\n"
                    + "sockets=tcp://127.0.0.1:" + port + "\n");
            await().atMost(Duration.ofSeconds(20)).until(() -> info("web").state() == ProcessState.FATAL);
            assertEquals("cannot open socket tcp://127.0.0.1:" + port + ": [Errno 98] Address already in use",
                    info("web").spawnerr());
        }
    }
}
