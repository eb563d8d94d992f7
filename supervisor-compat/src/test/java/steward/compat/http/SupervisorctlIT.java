package steward.compat.http;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import steward.compat.api.ConfigDiff;
import steward.compat.api.Fault;
import steward.compat.api.ProcessState;
import steward.compat.config.UnixHttpServerConfig;
import steward.compat.testing.Cli;
import steward.compat.testing.FakeControl;

/** The real /usr/bin/supervisorctl against a ControlServer on a unix socket, over an in-memory engine. */
class SupervisorctlIT {
    private static final String CTL = "/usr/bin/supervisorctl";

    @TempDir
    Path dir;
    private final FakeControl control = new FakeControl();
    private ControlServer server;
    private Path socket;

    @BeforeEach
    void start() throws IOException {
        Cli.require(CTL);
        socket = dir.resolve("s.sock");
        FakeControl.Proc ga = control.add("grp", "ga", 999);
        control.add("grp", "gb", 999);
        control.add("never", "never", 999);
        FakeControl.Proc sleeper = control.add("sleeper", "sleeper", 999);
        control.run(ga);
        control.run(sleeper);
        sleeper.stdout = dir.resolve("sleeper.out").toString();
        server = ControlServer.builder(control)
                .unix(Optional.of(new UnixHttpServerConfig(socket, 0700, Optional.empty(), Optional.empty(), Optional.empty())))
                .start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private Cli.Result ctl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(CTL, "-s", "unix://" + socket));
        cmd.addAll(List.of(args));
        return Cli.run(cmd);
    }

    @Test
    void status() throws Exception {
        Cli.Result r = ctl("status");
        assertEquals("grp:ga                           RUNNING   pid 1001, uptime 0:03:20\n"
                + "grp:gb                           STOPPED   Not started\n"
                + "never                            STOPPED   Not started\n"
                + "sleeper                          RUNNING   pid 1002, uptime 0:03:20\n", r.out());
        assertEquals(3, r.exit());
        r = ctl("status", "sleeper", "grp:*");
        assertEquals(3, r.exit());
        assertTrue(r.out().startsWith("sleeper "), r.out());
        r = ctl("status", "sleeper");
        assertEquals(0, r.exit());
        r = ctl("status", "multi", "grp", "nosuch");
        assertEquals("multi: ERROR (no such process)\ngrp: ERROR (no such process)\nnosuch: ERROR (no such process)\n", r.out());
        assertEquals(4, r.exit());
    }

    @Test
    void startStopAllGroupsAndErrors() throws Exception {
        Cli.Result r = ctl("start", "nosuch", "grp:gb");
        assertEquals("nosuch: ERROR (no such process)\ngrp:gb: started\n", r.out());
        assertEquals(1, r.exit());
        r = ctl("start", "sleeper");
        assertEquals("sleeper: ERROR (already started)\n", r.out());
        assertEquals(0, r.exit());
        r = ctl("stop", "grp:*");
        assertEquals("grp:ga: stopped\ngrp:gb: stopped\n", r.out());
        assertEquals(0, r.exit());
        r = ctl("stop", "never");
        assertEquals("never: ERROR (not running)\n", r.out());
        r = ctl("start", "all");
        assertEquals("grp:ga: started\ngrp:gb: started\nnever: started\n", r.out());
        control.proc("never", "never").startFault = Fault.SPAWN_ERROR;
        ctl("stop", "never");
        r = ctl("start", "never");
        assertEquals("never: ERROR (spawn error)\n", r.out());
        assertEquals(7, r.exit());
        r = ctl("restart", "sleeper");
        assertEquals("sleeper: stopped\nsleeper: started\n", r.out());
    }

    @Test
    void waitingStartRepliesLateWithoutBlockingOthers() throws Exception {
        control.instant = false;
        FakeControl.Proc gb = control.proc("grp", "gb");
        CompletableFuture<Cli.Result> start = CompletableFuture.supplyAsync(() -> {
            try {
                return ctl("start", "grp:gb");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> gb.state == ProcessState.STARTING);
        assertTrue(ctl("status", "grp:gb").out().contains("STARTING"));
        control.finishStart(gb);
        assertEquals("grp:gb: started\n", start.get().out());
    }

    @Test
    void signalPidVersion() throws Exception {
        Cli.Result r = ctl("signal", "HUP", "sleeper", "never", "nosuch");
        assertEquals("sleeper: signalled\nnever: ERROR (not running)\nnosuch: ERROR (no such process)\n", r.out());
        assertEquals(1, r.exit());
        assertEquals("sleeper: ERROR (bad signal name)\n", ctl("signal", "BOGUS", "sleeper").out());
        assertEquals("grp:ga: signalled\n", ctl("signal", "USR1", "grp:*").out());
        assertEquals("4242\n", ctl("pid").out());
        assertEquals("1002\n", ctl("pid", "sleeper").out());
        assertEquals("1001\n0\n0\n1002\n", ctl("pid", "all").out());
        assertEquals("4.2.5\n", ctl("version").out());
    }

    @Test
    void tailAndTailFollow() throws Exception {
        Path out = Path.of(control.proc("sleeper", "sleeper").stdout);
        assertEquals("sleeper: ERROR (no log file)\n", ctl("tail", "sleeper").out());
        Files.writeString(out, "x".repeat(2000) + "\nhello\n");
        assertEquals("x".repeat(1593) + "\nhello\n\n", ctl("tail", "sleeper").out());
        assertEquals("llo\n\n", ctl("tail", "-4", "sleeper").out());
        assertEquals("nosuch: ERROR (no such process name)\n", ctl("tail", "nosuch").out());

        ProcessBuilder pb = new ProcessBuilder(CTL, "-s", "unix://" + socket, "tail", "-f", "sleeper")
                .redirectErrorStream(true);
        Process p = pb.start();
        try {
            InputStream in = p.getInputStream();
            StringBuilder seen = new StringBuilder();
            Files.writeString(out, "streamed-line\n", StandardOpenOption.APPEND);
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                while (in.available() > 0) {
                    seen.append((char) in.read());
                }
                return seen.toString().contains("streamed-line");
            });
            assertTrue(seen.toString().contains("hello\nstreamed-line"), seen.toString());
        } finally {
            p.destroy();
        }
    }

    @Test
    void maintail() throws Exception {
        assertEquals(1, ctl("maintail").exit());
        Path log = dir.resolve("main.log");
        Files.writeString(log, "2026-01-01 00:00:00,000 INFO started\n");
        control.mainLog = log;
        assertEquals("2026-01-01 00:00:00,000 INFO started\n\n", ctl("maintail").out());
    }

    @Test
    void availRereadUpdateShutdown() throws Exception {
        assertEquals("grp:ga                           in use    auto      999:999\n"
                + "grp:gb                           in use    auto      999:999\n"
                + "never                            in use    manual    999:999\n"
                + "sleeper                          in use    auto      999:999\n", ctl("avail").out());
        assertEquals("No config updates to processes\n", ctl("reread").out());
        control.diff = new ConfigDiff(List.of(), List.of("grp"), List.of("never"));
        assertEquals("grp: changed\nnever: disappeared\n", ctl("reread").out());
        Cli.Result r = ctl("update");
        assertEquals("never: stopped\nnever: removed process group\ngrp: stopped\ngrp: updated process group\n", r.out());
        assertEquals("Shut down\n", ctl("shutdown").out());
        assertEquals("ERROR: already shutting down\n", ctl("shutdown").out());
    }

    @Test
    void pythonXmlrpcClientWithSupervisorTransport() throws Exception {
        Cli.require("/usr/bin/python3");
        String script = "import sys\n"
                + "from supervisor.xmlrpc import SupervisorTransport\n"
                + "import xmlrpc.client as x\n"
                + "p = x.ServerProxy('http://127.0.0.1', transport=SupervisorTransport(None, None, sys.argv[1]))\n"
                + "print(len(p.system.listMethods()))\n"
                + "print(p.supervisor.getProcessInfo('sleeper')['description'])\n"
                + "print(p.system.multicall([{'methodName': 'supervisor.getPID'}, {'methodName': 'nope.x'}]))\n"
                + "try:\n    p.supervisor.startProcess('nosuch')\nexcept x.Fault as f:\n    print(f.faultCode, f.faultString)\n"
                + "print(p.system.methodSignature('supervisor.startProcess'))\n";
        Cli.Result r = Cli.run(List.of("/usr/bin/python3", "-c", script, "unix://" + socket));
        assertEquals("41\npid 1002, uptime 0:03:20\n[4242, {'faultCode': 1, 'faultString': 'UNKNOWN_METHOD'}]\n"
                + "10 BAD_NAME: nosuch\n['boolean', 'string', 'boolean']\n", r.out(), r.err());
    }

    @Test
    void basicAuthAndTcp() throws Exception {
        server.close();
        server = ControlServer.builder(control)
                .inet(Optional.of(new steward.compat.config.InetHttpServerConfig("127.0.0.1", 0, Optional.of("admin"),
                        Optional.of("secret"))))
                .start();
        String url = "http://127.0.0.1:" + server.tcpPort();
        Cli.Result r = Cli.run(List.of(CTL, "-s", url, "-u", "admin", "-p", "secret", "status", "sleeper"));
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().startsWith("sleeper "), r.out());
        r = Cli.run(List.of(CTL, "-s", url, "-u", "admin", "-p", "wrong", "status"));
        assertTrue(r.out().startsWith("Server requires authentication\n"), r.out());
        assertEquals(1, r.exit());
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int exit = steward.compat.ctl.Ctl.run(List.of("-s", url, "-u", "admin", "-p", "wrong", "version"),
                new java.io.PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertEquals("Server requires authentication\n", out.toString(StandardCharsets.UTF_8));
        assertEquals(1, exit);
        out.reset();
        exit = steward.compat.ctl.Ctl.run(List.of("-s", url, "-u", "admin", "-p", "secret", "version"),
                new java.io.PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertEquals("4.2.5\n", out.toString(StandardCharsets.UTF_8));
        assertEquals(0, exit);
    }

    @Test
    void ctlTailFollowStreamsUntilInterruptedAndReadsConfFile() throws Exception {
        Path out = Path.of(control.proc("sleeper", "sleeper").stdout);
        Files.writeString(out, "first\n");
        Path conf = dir.resolve("supervisord.conf");
        Files.writeString(conf, "[unix_http_server]\nfile = %(here)s/s.sock ; the socket\n");
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream ps = new java.io.PrintStream(bytes, true, StandardCharsets.UTF_8);
        int[] exit = {-1};
        Thread t = new Thread(() -> exit[0] = steward.compat.ctl.Ctl.run(List.of("-c", conf.toString(), "tail", "-f", "sleeper"),
                ps, System.err));
        t.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> bytes.toString(StandardCharsets.UTF_8).contains("first\n"));
        Files.writeString(out, "second\n", StandardOpenOption.APPEND);
        await().atMost(Duration.ofSeconds(20)).until(() -> bytes.toString(StandardCharsets.UTF_8).contains("second\n"));
        t.interrupt();
        t.join(10_000);
        assertEquals("==> Press Ctrl-C to exit <==\nfirst\nsecond\n\n", bytes.toString(StandardCharsets.UTF_8));
        assertEquals(0, exit[0]);
    }

    @Test
    void statusJson() throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        int exit = steward.compat.ctl.Ctl.run(List.of("-s", "unix://" + socket, "status", "--json", "sleeper"),
                new java.io.PrintStream(bytes, true, StandardCharsets.UTF_8), System.err);
        String json = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(json.startsWith("[{\"name\":\"sleeper\",\"group\":\"sleeper\""), json);
        assertTrue(json.contains("\"statename\":\"RUNNING\""), json);
        assertEquals(0, exit);
    }
}
