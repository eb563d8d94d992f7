package steward.agent.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code steward supervisord} as users run it: a plain supervisord.conf, real signals, real children. */
class SupervisordIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private Path conf(String programs) throws Exception {
        String text = "[supervisord]\nlogfile=" + dir.resolve("supervisord.log") + "\npidfile=" + dir.resolve("sd.pid")
                + "\nchildlogdir=" + dir + "\n\n" + programs;
        return Files.writeString(dir.resolve("supervisord.conf"), text);
    }

    private String log() throws Exception {
        return Files.readString(dir.resolve("supervisord.log"));
    }

    private static String marker(String tag) {
        return tag + "." + ProcessHandle.current().pid() + System.nanoTime() % 100000;
    }

    @Test
    void termStopsEverythingAndExitsZeroLeavingNoProcess() throws Exception {
        String m = "31" + System.nanoTime() % 100000;
        Path c = conf("[program:tree]\ncommand=/bin/sh -c 'sleep 1" + m + " & sleep 2" + m + " & wait'\n"
                + "stopasgroup=true\nstartsecs=0\n\n[program:plain]\ncommand=sleep 3" + m + "\nstartsecs=0\n");
        try (Steward s = Steward.start(dir, "supervisord", "-n", "-c", c.toString())) {
            await().atMost(WAIT).until(() -> Procs.withMarker(m).size() == 4);
            s.signal("TERM");
            assertEquals(0, s.waitFor(30));
            assertEquals(List.of(), Procs.withMarker(m));
            assertTrue(log().contains("received SIGTERM indicating exit request"), log());
            assertFalse(Files.exists(dir.resolve("sd.pid")), "pidfile removed");
        }
    }

    @Test
    void intStopsEverythingAndExitsZero() throws Exception {
        String m = "32" + System.nanoTime() % 100000;
        Path c = conf("[program:one]\ncommand=sleep 4" + m + "\nstartsecs=0\n");
        try (Steward s = Steward.start(dir, "supervisord", "-n", "-c", c.toString())) {
            await().atMost(WAIT).until(() -> Procs.withMarker(m).size() == 1);
            s.signal("INT");
            assertEquals(0, s.waitFor(30));
            assertEquals(List.of(), Procs.withMarker(m));
        }
    }

    @Test
    void sigkilledDaemonLeavesNoProcessOfAnyProgramGroup() throws Exception {
        String m = "33" + System.nanoTime() % 100000;
        Path c = conf("[program:tree]\ncommand=/bin/sh -c 'sleep 1" + m + " & sleep 2" + m + " & wait'\nstartsecs=0\n"
                + "\n[program:solo]\ncommand=sleep 3" + m + "\nstartsecs=0\n");
        try (Steward s = Steward.start(dir, "supervisord", "-n", "-c", c.toString())) {
            await().atMost(WAIT).until(() -> Procs.withMarker(m).size() == 4);
            s.signal("KILL");
            s.waitFor(30);
            await().atMost(WAIT).until(() -> Procs.withMarker(m).isEmpty());
        }
    }

    @Test
    void hupReloadsAChangedConfigurationInTheSameProcess() throws Exception {
        String m = "34" + System.nanoTime() % 100000;
        Path c = conf("[program:first]\ncommand=sleep 1" + m + "\nstartsecs=0\n");
        try (Steward s = Steward.start(dir, "supervisord", "-n", "-c", c.toString())) {
            await().atMost(WAIT).until(() -> Procs.withMarker("1" + m).size() == 1);
            conf("[program:second]\ncommand=sleep 2" + m + "\nstartsecs=0\n");
            s.signal("HUP");
            await().atMost(WAIT).until(() -> Procs.withMarker("2" + m).size() == 1 && Procs.withMarker("1" + m).isEmpty());
            assertTrue(s.isAlive());
            assertTrue(log().contains("received SIGHUP indicating restart request"));
        }
    }

    @Test
    void hupWithABadConfigurationLogsTheErrorAndChangesNothing() throws Exception {
        String m = "35" + System.nanoTime() % 100000;
        Path c = conf("[program:keep]\ncommand=sleep 1" + m + "\nstartsecs=0\n");
        try (Steward s = Steward.start(dir, "supervisord", "-n", "-c", c.toString())) {
            await().atMost(WAIT).until(() -> Procs.withMarker(m).size() == 1);
            long pid = Procs.withMarker(m).get(0);
            conf("[program:keep]\ncommand=sleep 1" + m + "\nstartsecs=abc\n");
            s.signal("HUP");
            await().atMost(WAIT).until(() -> log().contains("startsecs: invalid integer 'abc'"));
            assertEquals(List.of(pid), Procs.withMarker(m));
        }
    }

    @Test
    void usr2ReopensLogFiles() throws Exception {
        Path c = conf("[program:ticker]\ncommand=/bin/sh -c 'while :; do echo tick; sleep 0.05; done'\n"
                + "startsecs=0\nstdout_logfile=" + dir.resolve("ticker.log") + "\n");
        try (Steward s = Steward.start(dir, "supervisord", "-n", "-c", c.toString())) {
            Path live = dir.resolve("ticker.log");
            await().atMost(WAIT).until(() -> Files.exists(live) && Files.size(live) > 0);
            Files.move(live, dir.resolve("ticker.log.old"));
            s.signal("USR2");
            await().atMost(WAIT).until(() -> Files.exists(live) && Files.readString(live).contains("tick"));
            assertTrue(log().contains("received SIGUSR2 indicating log reopen request"), log());
        }
    }

    @Test
    void badConfigurationIsAClearErrorAndStartsNothing() throws Exception {
        String m = "36" + System.nanoTime() % 100000;
        Path c = conf("[program:ok]\ncommand=sleep 1" + m + "\n\n[program:web]\ncommand=sleep 2" + m
                + "\nstartsecs=abc\n");
        Steward.Result r = Steward.run(dir, "supervisord", "-n", "-c", c.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.stderr().contains(c + ":11: [program:web] startsecs: invalid integer 'abc'"), r.stderr());
        assertEquals(List.of(), Procs.withMarker(m));
    }

    @Test
    void withoutDashNItDaemonizesWritesThePidfileAndStopsOnTerm() throws Exception {
        String m = "37" + System.nanoTime() % 100000;
        Path c = conf("[program:bg]\ncommand=sleep 1" + m + "\nstartsecs=0\n");
        Steward.Result r = Steward.run(dir, "supervisord", "-c", c.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        long pid = Long.parseLong(Files.readString(dir.resolve("sd.pid")).trim());
        assertTrue(ProcessHandle.of(pid).isPresent());
        await().atMost(WAIT).until(() -> Procs.withMarker(m).size() == 1);
        new ProcessBuilder("kill", "-TERM", Long.toString(pid)).start().waitFor();
        await().atMost(WAIT).until(() -> ProcessHandle.of(pid).isEmpty() && Procs.withMarker(m).isEmpty());
        assertFalse(Files.exists(dir.resolve("sd.pid")));
    }

    @Test
    void devStdoutTargetWritesToTheDaemonsStdoutWithoutIllegalSeek() throws Exception {
        Path c = conf("[program:talk]\ncommand=/bin/sh -c 'echo said-on-stdout; exec sleep 1000'\nstartsecs=0\n"
                + "stdout_logfile=/dev/stdout\nstdout_logfile_maxbytes=50MB\n");
        try (Steward s = Steward.start(dir, "supervisord", "-n", "-c", c.toString())) {
            await().atMost(WAIT).until(() -> s.stdout().contains("said-on-stdout"));
            assertFalse(log().contains("Illegal seek"));
        }
    }

    @Test
    void threadCountIsTheSameWithThreeAndTwoHundredPrograms() throws Exception {
        assertEquals(threadsRunning(3), threadsRunning(200));
    }

    private int threadsRunning(int n) throws Exception {
        String m = "38" + n + System.nanoTime() % 100000;
        StringBuilder programs = new StringBuilder();
        for (int i = 0; i < n; i++) {
            programs.append("[program:p").append(i).append("]\ncommand=sleep 1").append(m).append("\nstartsecs=0\n");
        }
        Path sub = Files.createDirectories(dir.resolve("n" + n));
        Path c = Files.writeString(sub.resolve("s.conf"), "[supervisord]\nlogfile=" + sub.resolve("d.log")
                + "\npidfile=" + sub.resolve("d.pid") + "\nchildlogdir=" + sub + "\n" + programs);
        try (Steward s = Steward.start(sub, "supervisord", "-n", "-c", c.toString())) {
            await().atMost(WAIT).until(() -> Procs.withMarker(m).size() == n);
            String status = Files.readString(Path.of("/proc/" + s.pid() + "/status"));
            int threads = Integer.parseInt(status.lines().filter(l -> l.startsWith("Threads:")).findFirst()
                    .orElseThrow().split("\\s+")[1]);
            s.signal("TERM");
            assertEquals(0, s.waitFor(60));
            return threads;
        }
    }
}
