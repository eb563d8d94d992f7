package steward.agent.cron;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import steward.agent.logs.RotatingLogFile;
import steward.agent.os.ManualClock;

/**
 * Cron on a clock the test moves: fires, skips, the kill grace and the file watch happen when the
 * test says a second has passed, never by how fast the machine is. The jobs are real shells.
 */
class CronServiceTest {
    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00.500Z"));
    private CronService cron;

    @AfterEach
    void tearDown() {
        if (cron != null) {
            cron.close();
        }
    }

    private CronService start() {
        CronSettings s = new CronSettings(new RotatingLogFile(dir.resolve("cron.log"), 0, 0), ZoneId.of("UTC"),
                Duration.ofSeconds(2), java.util.Optional.empty(), clock);
        cron = CronService.start(s, clock);
        return cron;
    }

    /** Lets {@code seconds} pass, one at a time: each second's timers have run before the next begins. */
    private void pass(int seconds) throws Exception {
        for (int i = 0; i < seconds; i++) {
            clock.advance(Duration.ofSeconds(1));
            ManualClock.settle(cron.loop());
        }
    }

    private List<CrontabError> load(String text) throws IOException {
        Path tab = dir.resolve("crontab");
        Files.writeString(tab, text);
        return cron.replace(tab, Map.of("PATH", "/usr/bin:/bin", "FOO", "from-service"), dir, 1);
    }

    private String cronLog() throws IOException {
        return Files.readString(dir.resolve("cron.log"));
    }

    private List<String> lines(String name) throws IOException {
        Path p = dir.resolve(name);
        return Files.exists(p) ? Files.readAllLines(p) : List.of();
    }

    private void awaitNoRun() {
        await().atMost(Duration.ofSeconds(10)).until(() -> cron.status().get(0).pids().isEmpty());
    }

    @Test
    void everySecondRunsARealJobWithTheServiceAndCrontabEnvironment() throws Exception {
        start();
        List<CrontabError> errors = load("""
                BAR=from-crontab
                @every 1s echo "$FOO $BAR $HOME $PWD $STEWARD_CRON_LINE $SHELL" >> out.txt; echo to-out; echo to-err >&2
                """);
        assertEquals(List.of(), errors);
        assertEquals(List.of(), lines("out.txt"), "nothing before the first second");
        pass(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> lines("out.txt").size() >= 1);
        awaitNoRun();
        pass(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> lines("out.txt").size() >= 2);
        assertEquals("from-service from-crontab " + dir + " " + dir + " 2 /bin/sh", lines("out.txt").get(0));
        await().atMost(Duration.ofSeconds(5)).until(() -> cronLog().contains("[line 2] to-out")
                && cronLog().contains("[line 2 stderr] to-err") && cronLog().contains("exit status 0 after"));
        assertTrue(cronLog().contains(": 1 job, 0 bad lines (release "), cronLog());
        CronStatus st = cron.status().get(0);
        assertEquals(2, st.line());
        assertEquals("@every 1s", st.schedule());
        assertTrue(st.lastRun().isPresent() && st.nextRun().isPresent());
        assertEquals(0, st.lastExit().orElse(-5));
        assertEquals(0, st.nextRun().get().toEpochMilli() % 1000, "aligned on whole seconds");
    }

    @Test
    void aSlowJobIsNotStartedAgainWhileItRuns() throws Exception {
        start();
        load("@every 1s echo start >> runs.txt; sleep 60\n");
        pass(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> lines("runs.txt").size() >= 1);
        pass(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> cronLog().contains("skipped the fire of"));
        await().atMost(Duration.ofSeconds(10)).until(() -> cron.status().get(0).skipped() >= 2);
        CronStatus st = cron.status().get(0);
        assertTrue(st.pids().size() <= 1, "never two runs at once: " + st);
        assertTrue(cronLog().contains("still running (pid "), cronLog());
    }

    @Test
    void overlapOptInAllowsConcurrentRuns() throws Exception {
        start();
        load("@overlap @every 1s sleep 60\n");
        pass(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> cron.status().get(0).pids().size() >= 1);
        pass(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> cron.status().get(0).pids().size() >= 2);
        assertTrue(!cronLog().contains("skipped"));
    }

    @Test
    void closeSendsSigtermToRunningJobs() throws Exception {
        start();
        load("@every 1s trap 'echo got-term >> term.txt; exit 3' TERM; echo up >> up.txt; sleep 60 & wait\n");
        pass(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> lines("up.txt").size() >= 1);
        cron.close();
        cron = null;
        // the grace is on the clock, which did not move: only the SIGTERM can have ended it
        assertFalse(cronLog().contains(": SIGKILL") || cronLog().contains("still running at close"),
                "stopped by SIGTERM, not by the SIGKILL grace: " + cronLog());
        assertTrue(cronLog().contains("exit status 3 after"), cronLog());
        assertEquals(List.of("got-term"), lines("term.txt"));
        assertTrue(cronLog().contains("sending SIGTERM to job process group"), cronLog());
    }

    @Test
    void aJobIgnoringSigtermIsKilledAfterTheGrace() throws Exception {
        start();
        load("@every 1s trap '' TERM; echo up >> up.txt; while :; do sleep 0.1; done\n");
        pass(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> lines("up.txt").size() >= 1);
        CronService closing = cron;
        cron = null;
        CompletableFuture<Void> closed = CompletableFuture.runAsync(closing::close);
        await().atMost(Duration.ofSeconds(10)).until(() -> cronLog().contains("sending SIGTERM to job process group"));
        assertFalse(cronLog().contains(": SIGKILL"), "no SIGKILL before the grace time has passed");
        clock.advance(Duration.ofSeconds(2));
        ManualClock.settle(closing.loop()); // the grace timer is due
        closed.get(10, TimeUnit.SECONDS);
        assertTrue(cronLog().contains(": SIGKILL"), cronLog());
        assertTrue(cronLog().contains("terminated by SIGKILL"), cronLog());
    }

    @Test
    void badLinesAreReportedAndGoodOnesRun() throws Exception {
        start();
        List<CrontabError> errors = load("""
                61 * * * * echo never
                @every 1s echo ok >> ok.txt
                @sometimes echo never
                """);
        assertEquals(List.of(dir.resolve("crontab") + ":1: bad minute \"61\": 61 is out of range 0-59",
                dir.resolve("crontab") + ":3: bad time specifier \"@sometimes\" (known: @reboot @yearly @annually"
                        + " @monthly @weekly @daily @midnight @hourly @every)"),
                errors.stream().map(Object::toString).toList());
        pass(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> lines("ok.txt").size() >= 1);
        assertTrue(cronLog().contains(":1: bad minute"), cronLog());
        assertEquals(1, cron.status().size());
    }

    @Test
    void rebootRunsOnceAtStartAndPercentFeedsStdin() throws Exception {
        start();
        load("@reboot cat > reboot.txt%line one%line two\n");
        await().atMost(Duration.ofSeconds(10)).until(() -> lines("reboot.txt").size() == 2);
        assertEquals(List.of("line one", "line two"), lines("reboot.txt"));
    }

    @Test
    void aChangedCrontabFileIsReloaded() throws Exception {
        start();
        load("@every 1s echo a >> a.txt\n");
        pass(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> lines("a.txt").size() >= 1);
        awaitNoRun();
        Files.writeString(dir.resolve("crontab"), "# now b\n@every 1s echo b >> b.txt\n");
        pass(1); // the file watch's second: reloaded
        pass(1); // b's first fire
        await().atMost(Duration.ofSeconds(10)).until(() -> lines("b.txt").size() >= 1);
        assertEquals(List.of(2), cron.status().stream().map(CronStatus::line).toList());
    }

    @Test
    void firesMissedDuringAPauseAreNotReplayedInABurst() throws Exception {
        start();
        load("@every 1s echo run >> runs.txt\n");
        pass(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> lines("runs.txt").size() >= 1);
        awaitNoRun();
        clock.jumpWall(Duration.ofSeconds(30)); // the wall clock leaps; the loop's clock does not
        pass(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> cronLog().contains("ms late (agent paused or clock jumped)"));
        await().atMost(Duration.ofSeconds(10)).until(() -> lines("runs.txt").size() >= 2);
        awaitNoRun();
        int after = lines("runs.txt").size();
        pass(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> lines("runs.txt").size() >= after + 1);
        awaitNoRun();
        pass(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> lines("runs.txt").size() >= after + 2);
        long late = cronLog().lines().filter(l -> l.contains("ms late (agent paused")).count();
        assertEquals(1, late, cronLog());
        assertTrue(cron.status().get(0).runs() < 15, "30 missed fires were not replayed: " + cron.status());
    }
}
