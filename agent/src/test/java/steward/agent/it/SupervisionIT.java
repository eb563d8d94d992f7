package steward.agent.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * depends_on, ready= and essential under {@code steward supervisord} with real processes: a
 * dependant starts only once its dependency is ready, stops before it; a program that never gets
 * ready goes BACKOFF then FATAL and holds its dependants back; notify programs report READY=1 and
 * STATUS=; an essential program's exit ends the daemon with its exit status.
 */
class SupervisionIT {
    private static final Duration WAIT = Duration.ofSeconds(40);

    @TempDir
    Path dir;

    private Path conf(String programs) throws Exception {
        Path sock = dir.resolve("s.sock");
        String text = "[supervisord]\nlogfile=" + dir.resolve("supervisord.log") + "\npidfile=" + dir.resolve("sd.pid")
                + "\nchildlogdir=" + dir + "\n\n[unix_http_server]\nfile=" + sock + "\n\n"
                + "[supervisorctl]\nserverurl=unix://" + sock + "\n\n" + programs;
        return Files.writeString(dir.resolve("supervisord.conf"), text);
    }

    private String log() throws Exception {
        return Files.readString(dir.resolve("supervisord.log"));
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void dependantsStartWhenDependenciesAreReadyAlsoAfterAReloadAndStopFirst() throws Exception {
        Apps.requireTool("python3");
        int port = freePort();
        String m = "4" + System.nanoTime() % 100000;
        Path order = dir.resolve("order.log");
        Files.writeString(dir.resolve("db.py"), String.join("\n",
                "import socket, sys, time",
                "time.sleep(1.5)",
                "open(sys.argv[2], 'a').write('db listening\\n')",
                "s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)",
                "s.bind(('127.0.0.1', int(sys.argv[1]))); s.listen()",
                "time.sleep(1000)", ""));
        Files.writeString(dir.resolve("notify.py"), String.join("\n",
                "import os, socket, sys, time",
                "s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)",
                "s.sendto(b'STATUS=warming up', os.environ['NOTIFY_SOCKET'])",
                "while not os.path.exists(sys.argv[1] + '.go'): time.sleep(0.05)",
                "open(sys.argv[1], 'a').write('worker ready\\n')",
                "s.sendto(b'READY=1\\nSTATUS=serving', os.environ['NOTIFY_SOCKET'])",
                "time.sleep(1000)", ""));
        Path c = conf("[program:db]\ncommand=/usr/bin/python3 -u " + dir.resolve("db.py") + " " + port + " " + order
                + " " + m + "\nready=tcp:127.0.0.1:" + port + "\nstartsecs=0\n\n"
                + "[program:web]\ncommand=/bin/sh -c 'echo web started >> " + order + "; exec sleep 31" + m + "'\n"
                + "depends_on=db, workers\nstartsecs=0\n\n"
                + "[group:workers]\nprograms=worker\n\n"
                + "[program:worker]\ncommand=/usr/bin/python3 -u " + dir.resolve("notify.py") + " " + order + " " + m
                + "\nready=notify\nstartsecs=0\n");
        try (Steward s = Steward.start(dir, "supervisord", "-n", "-c", c.toString())) {
            await().atMost(WAIT).until(() -> ctl(c, "status", "workers:worker").stdout().matches(
                    "workers:worker +STARTING +warming up\\s*"));
            assertTrue(ctl(c, "status", "web").stdout().contains("STOPPED"));
            Files.writeString(Path.of(order + ".go"), "");
            await().atMost(WAIT).until(() -> Files.exists(order) && Files.readString(order).contains("web started"));
            await().atMost(WAIT).until(() -> ctl(c, "status", "workers:worker").stdout().matches(
                    "(?s)workers:worker +RUNNING +pid \\d+, uptime [0-9:]+ \\(serving\\)\\s*"));
            List<String> lines = Files.readAllLines(order);
            assertEquals("web started", lines.get(2), "web starts last: " + lines);
            assertTrue(lines.subList(0, 2).containsAll(List.of("db listening", "worker ready")), lines.toString());
            await().atMost(WAIT).until(() -> ctl(c, "status").stdout().lines().filter(l -> l.contains("RUNNING")).count() == 3);
            String log = log();
            assertTrue(log.indexOf("ready: db (tcp:127.0.0.1:" + port + ")") < log.indexOf("success: db entered RUNNING"),
                    log);
            assertTrue(log.contains("not starting web yet: waiting for db, workers:worker to be ready"), log);
            assertTrue(log.contains("status: worker: warming up"), log);
            assertTrue(log.contains("status: worker: serving"), log);

            // a reload restarts the whole set: the dependant waits for its dependencies again
            s.signal("HUP");
            await().atMost(WAIT).until(() -> Files.readAllLines(order).size() == 6);
            List<String> again = Files.readAllLines(order).subList(3, 6);
            assertEquals("web started", again.get(2), "after the reload web starts last again: " + again);
            await().atMost(WAIT).until(() -> ctl(c, "status").stdout().lines().filter(l -> l.contains("RUNNING")).count() == 3);
            s.signal("TERM");
            assertEquals(0, s.waitFor(30));
        }
        String log = log();
        assertTrue(log.indexOf("stopped: web") < log.indexOf("stopped: db"), "web stops before db:\n" + log);
        assertTrue(log.indexOf("stopped: web") < log.indexOf("stopped: worker"), "web stops before worker:\n" + log);
        assertEquals(List.of(), Procs.withMarker(m));
    }

    @Test
    void neverReadyGoesBackoffThenFatalAndHoldsDependantsBack() throws Exception {
        int port = freePort();
        String m = "6" + System.nanoTime() % 100000;
        Path c = conf("[program:never]\ncommand=sleep 32" + m + "\nready=tcp:127.0.0.1:" + port + "\nready_timeout=1\n"
                + "startretries=1\nstartsecs=0\n\n[program:dependant]\ncommand=sleep 33" + m + "\ndepends_on=never\n");
        try (Steward s = Steward.start(dir, "supervisord", "-n", "-c", c.toString())) {
            await().atMost(WAIT).until(() -> ctl(c, "status", "never").stdout().contains("FATAL"));
            String never = ctl(c, "status", "never").stdout();
            assertTrue(never.contains("not ready after 1 s: connect to 127.0.0.1:" + port + ": Connection refused"), never);
            await().atMost(WAIT).until(() -> ctl(c, "status", "--json", "dependant").stdout()
                    .contains("\"spawnerr\":\"dependency never is FATAL\""));
            assertTrue(ctl(c, "status", "dependant").stdout().contains("STOPPED"));
            assertEquals(List.of(), Procs.withMarker("33" + m), "the dependant never ran");
            assertEquals(List.of(), Procs.withMarker("32" + m), "the never-ready process was killed");
            String log = log();
            assertTrue(log.contains("not ready: never (not ready after 1 s"), log);
            assertTrue(log.contains("entered BACKOFF") || log.contains("spawnerr") || log.contains("gave up: never"), log);
            assertTrue(log.contains("gave up: never entered FATAL state"), log);
            s.signal("TERM");
            assertEquals(0, s.waitFor(30));
        }
    }

    @Test
    void essentialExitStopsEverythingWithItsStatus() throws Exception {
        String m = "8" + System.nanoTime() % 100000;
        Path c = conf("[program:main]\ncommand=/bin/sh -c 'sleep 1; exit 7'\nessential=true\nautorestart=false\n"
                + "startsecs=0\n\n[program:other]\ncommand=sleep 34" + m + "\nstartsecs=0\n");
        try (Steward s = Steward.start(dir, "supervisord", "-n", "-c", c.toString())) {
            assertEquals(7, s.waitFor(30));
        }
        assertEquals(List.of(), Procs.withMarker(m));
        String log = log();
        assertTrue(log.contains("CRIT essential program main exited and will not be restarted (autorestart=false): "
                + "stopping everything; exit status 7"), log);
        assertTrue(log.contains("stopped: other"), log);
    }

    @Test
    void essentialFatalEndsTheDaemonNonZero() throws Exception {
        Path c = conf("[program:broken]\ncommand=/bin/sh -c 'exit 3'\nessential=true\nstartretries=0\n");
        try (Steward s = Steward.start(dir, "supervisord", "-n", "-c", c.toString())) {
            assertEquals(1, s.waitFor(30));
        }
        assertTrue(log().contains("CRIT essential program broken entered FATAL state (Exited too quickly (process log "
                + "may have details)): stopping everything; exit status 1"), log());
    }

    @Test
    void aReloadThatShrinksADependencyGroupStillStartsTheDependant() throws Exception {
        String m = "5" + System.nanoTime() % 100000;
        String web = "[program:web]\ncommand=sleep 35" + m + "\ndepends_on=workers\nstartsecs=0\n\n[group:workers]\n"
                + "programs=w\n\n[program:w]\ncommand=sleep 36" + m + "\nprocess_name=w%(process_num)d\nstartsecs=0\n";
        Path c = conf(web + "numprocs=2\n");
        try (Steward s = Steward.start(dir, "supervisord", "-n", "-c", c.toString())) {
            await().atMost(WAIT).until(() -> ctl(c, "status", "web").stdout().contains("RUNNING"));
            conf(web + "numprocs=1\n");
            s.signal("HUP");
            await().atMost(WAIT).until(() -> log().split("spawned: 'web'", -1).length == 3);
            await().atMost(WAIT).until(() -> ctl(c, "status", "web").stdout().contains("RUNNING"));
            assertEquals(2, Procs.withMarker(m).size(), "web and one worker: " + ctl(c, "status").stdout());
            s.signal("TERM");
            assertEquals(0, s.waitFor(30));
        }
    }

    private Steward.Result ctl(Path conf, String... args) throws Exception {
        return Apps.ctl(Files.createTempDirectory(dir, "ctl"), conf, args);
    }
}
