package steward.agent.engine;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static steward.compat.api.ProcessState.BACKOFF;
import static steward.compat.api.ProcessState.EXITED;
import static steward.compat.api.ProcessState.FATAL;
import static steward.compat.api.ProcessState.RUNNING;
import static steward.compat.api.ProcessState.STARTING;
import static steward.compat.api.ProcessState.STOPPED;
import static steward.compat.api.ProcessState.STOPPING;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import steward.compat.api.ProcessInfo;
import steward.compat.api.ProcessRef;
import steward.compat.api.ProcessState;
import steward.compat.config.AutoRestart;
import steward.compat.config.ProcessConfig;

/** Every state transition with real child processes (sh, sleep), awaited, never slept on. */
class EngineStatesTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    private Programs programs() {
        return new Programs(dir);
    }

    private static ProcessInfo info(EngineFixture f, String name) {
        return f.engine.view().processInfo(new ProcessRef(name, name)).orElseThrow();
    }

    private static void awaitState(EngineFixture f, String name, ProcessState state) {
        await().atMost(WAIT).until(() -> info(f, name).state() == state);
    }

    @Test
    void quickExitBacksOffThenIsFatalAfterStartretriesPlusOneSpawns() throws Exception {
        Programs p = programs();
        ProcessConfig quick = Programs.with(p.program("quick", "/bin/sh -c 'exit 3'"), b -> b.startretries(2));
        try (EngineFixture f = new EngineFixture(dir, p.conf(quick))) {
            awaitState(f, "quick", FATAL);
            assertEquals(List.of(STARTING, BACKOFF, STARTING, BACKOFF, STARTING, BACKOFF, FATAL), f.events.states("quick"));
            assertEquals("Exited too quickly (process log may have details)", info(f, "quick").spawnerr());
            List<Long> starts = f.events.times("quick", STARTING);
            assertTrue(starts.get(1) - starts.get(0) >= 900_000_000L, "first retry after ~1 s");
            assertTrue(starts.get(2) - starts.get(1) >= 1_900_000_000L, "second retry after ~2 s");
            String log = f.logText();
            assertTrue(log.contains("WARN exited: quick (exit status 3; not expected)"), log);
            assertTrue(log.contains("INFO gave up: quick entered FATAL state, too many start retries too quickly"), log);
        }
    }

    @Test
    void startsecsZeroCrashLoopIsRestartedAtMostOncePerSecond() throws Exception {
        Programs p = programs();
        ProcessConfig crash = Programs.with(p.program("crash", "/bin/sh -c 'exit 1'"),
                b -> b.startsecs(0).autorestart(AutoRestart.TRUE));
        try (EngineFixture f = new EngineFixture(dir, p.conf(crash))) {
            await().atMost(WAIT).until(() -> f.events.count("crash", STARTING) >= 3);
            List<Long> starts = f.events.times("crash", STARTING);
            assertTrue(starts.get(2) - starts.get(0) >= 1_900_000_000L, "throttled to one spawn per second");
            assertEquals(List.of(STARTING, RUNNING, EXITED), f.events.states("crash").subList(0, 3));
        }
    }

    @Test
    void expectedExitIsNotRestartedWithAutorestartUnexpected() throws Exception {
        Programs p = programs();
        ProcessConfig ok = Programs.with(p.program("ok", "/bin/sh -c 'exit 2'"), b -> b.startsecs(0).exitcodes(0, 2));
        try (EngineFixture f = new EngineFixture(dir, p.conf(ok))) {
            awaitState(f, "ok", EXITED);
            assertEquals(2, info(f, "ok").exitstatus());
            assertEquals("", info(f, "ok").spawnerr());
            assertTrue(f.logText().contains("INFO exited: ok (exit status 2; expected)"));
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                    .until(() -> f.events.count("ok", STARTING) == 1);
        }
    }

    @Test
    void unexpectedExitIsRestartedWithAutorestartUnexpected() throws Exception {
        Programs p = programs();
        ProcessConfig bad = Programs.with(p.program("bad", "/bin/sh -c 'exit 4'"), b -> b.startsecs(0));
        try (EngineFixture f = new EngineFixture(dir, p.conf(bad))) {
            await().atMost(WAIT).until(() -> f.events.count("bad", STARTING) >= 2);
            assertTrue(f.logText().contains("WARN exited: bad (exit status 4; not expected)"));
        }
    }

    @Test
    void autorestartFalseLeavesAnUnexpectedExitExited() throws Exception {
        Programs p = programs();
        ProcessConfig once = Programs.with(p.program("once", "/bin/sh -c 'exit 4'"),
                b -> b.startsecs(0).autorestart(AutoRestart.FALSE));
        try (EngineFixture f = new EngineFixture(dir, p.conf(once))) {
            awaitState(f, "once", EXITED);
            assertEquals("Bad exit code 4", info(f, "once").spawnerr());
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                    .until(() -> f.events.count("once", STARTING) == 1);
        }
    }

    @Test
    void autorestartTrueRestartsAnExpectedExit() throws Exception {
        Programs p = programs();
        ProcessConfig always = Programs.with(p.program("always", "/bin/sh -c 'exit 0'"),
                b -> b.startsecs(0).autorestart(AutoRestart.TRUE));
        try (EngineFixture f = new EngineFixture(dir, p.conf(always))) {
            await().atMost(WAIT).until(() -> f.events.count("always", STARTING) >= 2);
        }
    }

    @Test
    void programStaysStartingUntilStartsecsThenRuns() throws Exception {
        Programs p = programs();
        ProcessConfig slow = Programs.with(p.program("slow", "sleep 1000"), b -> b.startsecs(1));
        try (EngineFixture f = new EngineFixture(dir, p.conf(slow))) {
            assertEquals(STARTING, info(f, "slow").state());
            awaitState(f, "slow", RUNNING);
            assertTrue(f.logText().contains(
                    "INFO success: slow entered RUNNING state, process has stayed up for > than 1 seconds (startsecs)"));
        }
    }

    @Test
    void childIgnoringTermIsKilledAfterStopwaitsecs() throws Exception {
        Programs p = programs();
        ProcessConfig stubborn = Programs.with(p.program("stubborn", "/bin/sh -c \"trap '' TERM; exec sleep 1000\""),
                b -> b.startsecs(0).stopwaitsecs(1));
        try (EngineFixture f = new EngineFixture(dir, p.conf(stubborn))) {
            awaitState(f, "stubborn", RUNNING);
            int pid = info(f, "stubborn").pid();
            f.engine.stop(new ProcessRef("stubborn", "stubborn"), true).get();
            assertEquals(STOPPED, info(f, "stubborn").state());
            assertEquals(List.of(STARTING, RUNNING, STOPPING, STOPPED), f.events.states("stubborn"));
            String log = f.logText();
            assertTrue(log.contains("WARN killing 'stubborn' (" + pid + ") with SIGKILL"), log);
            assertTrue(log.contains("WARN stopped: stubborn (terminated by SIGKILL)"), log);
        }
    }

    @Test
    void stopasgroupStopsTheWholeTree() throws Exception {
        Programs p = programs();
        ProcessConfig tree = Programs.with(p.program("tree", "/bin/sh -c 'sleep 1000 & sleep 1000 & wait'"),
                b -> b.startsecs(0).stopasgroup(true));
        try (EngineFixture f = new EngineFixture(dir, p.conf(tree))) {
            awaitState(f, "tree", RUNNING);
            int pgid = info(f, "tree").pid();
            await().atMost(WAIT).until(() -> ProcessHandle.of(pgid).map(h -> h.children().count()).orElse(0L) == 2);
            f.engine.stop(new ProcessRef("tree", "tree"), true).get();
            await().atMost(WAIT).until(() -> steward.agent.os.Fds.kill(-pgid, 0) == steward.agent.os.Errno.ESRCH);
            assertTrue(f.logText().contains("stopped: tree (terminated by SIGTERM)"), f.logText());
        }
    }

    @Test
    void stopsignalQuitReachesTheChild() throws Exception {
        Programs p = programs();
        ProcessConfig quitter = Programs.with(p.program("quitter",
                        "/bin/sh -c \"trap 'echo got QUIT; exit 0' QUIT; echo ready; while :; do sleep 0.05; done\""),
                b -> b.startsecs(0).stopsignal("QUIT", 3));
        try (EngineFixture f = new EngineFixture(dir, p.conf(quitter))) {
            Path out = dir.resolve("quitter.out");
            await().atMost(WAIT).until(() -> Files.exists(out) && Files.readString(out).contains("ready"));
            f.engine.stop(new ProcessRef("quitter", "quitter"), true).get();
            assertEquals("ready\ngot QUIT\n", Files.readString(out));
            assertTrue(f.logText().contains("INFO stopped: quitter (exit status 0)"));
        }
    }

    @Test
    void missingCommandIsASpawnErrorThenFatalAndTheDaemonGoesOn() throws Exception {
        Programs p = programs();
        ProcessConfig missing = Programs.with(p.program("missing", "/nonexistent/thing"), b -> b.startretries(0));
        ProcessConfig fine = Programs.with(p.program("fine", "sleep 1000"), b -> b.startsecs(0));
        try (EngineFixture f = new EngineFixture(dir, p.conf(missing, fine))) {
            awaitState(f, "missing", FATAL);
            assertEquals("can't find command '/nonexistent/thing'", info(f, "missing").spawnerr());
            assertEquals(RUNNING, info(f, "fine").state());
            assertTrue(f.logText().contains("INFO spawnerr: can't find command '/nonexistent/thing'"));
        }
    }

    @Test
    void notExecutableFileIsASpawnError() throws Exception {
        Path script = Files.writeString(dir.resolve("noexec.sh"), "#!/bin/sh\n");
        Programs p = programs();
        ProcessConfig noexec = Programs.with(p.program("noexec", script.toString()), b -> b.startretries(0));
        try (EngineFixture f = new EngineFixture(dir, p.conf(noexec))) {
            awaitState(f, "noexec", FATAL);
            assertEquals("command at '" + script + "' is not executable", info(f, "noexec").spawnerr());
        }
    }

    @Test
    void missingDirectoryIsReportedInTheLogAsSupervisorsChildDoes() throws Exception {
        Programs p = programs();
        ProcessConfig nodir = Programs.with(p.program("nodir", "sleep 1"),
                b -> b.startretries(0).directory(dir.resolve("nope")));
        try (EngineFixture f = new EngineFixture(dir, p.conf(nodir))) {
            awaitState(f, "nodir", FATAL);
            assertEquals("supervisor: couldn't chdir to " + dir.resolve("nope") + ": ENOENT\n"
                    + "supervisor: child process was not spawned\n", Files.readString(dir.resolve("nodir.err")));
        }
    }
}
