package steward.agent.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker-cron sample (a {@code processes:} worker, no port) under {@code steward run}, plus two
 * programs that pin PID-1 duties: one leaves an orphaned grandchild, which the agent (a child
 * subreaper) reaps; one exits 3, whose status the engine must still see as its own. SIGTERM stops
 * everything within the grace times.
 */
class WorkerIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void workerRunsOrphansAreReapedOwnStatusesKeptAndTermStopsAll() throws Exception {
        Apps.requireTool("python3");
        String num = Long.toString(System.nanoTime() % 100000);
        String mark = "orphan-" + num;
        Path release = dir.resolve("release-orphan");
        Path home = dir.resolve("home");
        Path tree = Apps.sample("worker-cron", dir.resolve("tree"));
        Files.writeString(tree.resolve("worker/supervisord.conf"), String.join("\n",
                "[program:orphans]",
                // the grandchild lives until the test lets it go, so it is seen re-parented whatever the
                // load; its mark is put together by the shell, so only the grandchild's command line has it
                "command = /bin/sh -c 'm=orphan-; (sh -c \"until [ -e " + release + " ]; do sleep 0.1; done\" ${m}" + num
                        + " &) && exec sleep 300'",
                "startsecs = 0",
                "",
                "[program:quick]",
                "command = /bin/sh -c 'sleep 0.3; exit 3'",
                "startsecs = 0",
                "autorestart = false",
                ""));
        Files.writeString(tree.resolve("worker/crontab"),
                "@every 1s date +\\%s > \"$HOME/data/queue/tick-$STEWARD_CRON_SCHEDULED\"\n");
        Steward.Result deploy = Apps.steward(dir, "deploy", "deploy", "--home", home.toString(), tree.toString());
        assertEquals(0, deploy.exitCode(), deploy.stdout() + deploy.stderr());
        assertTrue(deploy.stdout().contains("Running postinstall script..."), deploy.stdout());

        Path logs = home.resolve("log");
        Path out = Files.createDirectories(dir.resolve("out-run"));
        try (Steward agent = Steward.start(out, "run", "--home", home.toString(), "--socket",
                home.resolve("run/s.sock").toString(), "--log-dir", logs.toString())) {
            await().atMost(WAIT).until(() -> Files.exists(logs.resolve("queue.log"))
                    && Files.readString(logs.resolve("queue.log")).contains("worker watching"));
            Files.writeString(home.resolve("data/queue/job-1"), "hello from the test\n");
            await().atMost(WAIT).until(() -> Files.readString(logs.resolve("queue.log"))
                    .contains("processed job job-1: hello from the test"));

            // the crontab installed by postinstall through the `crontab` shim runs, and queues work
            await().atMost(WAIT).until(() -> Files.readString(logs.resolve("queue.log")).contains("processed job tick-"));
            assertTrue(Files.readString(home.resolve(".steward/crontab")).startsWith("@every 1s"));
            assertTrue(Files.readString(logs.resolve("cron.log")).contains("exit status 0"),
                    Files.readString(logs.resolve("cron.log")));
            Steward.Result cron = Apps.steward(dir, "ctl", "ctl", "-s", "unix://" + home.resolve("run/s.sock"), "cron");
            assertEquals(0, cron.exitCode(), cron.stdout() + cron.stderr());
            assertTrue(cron.stdout().lines().anyMatch(l -> l.startsWith("1 ") && l.contains("@every 1s")
                    && l.contains("date +%s")), cron.stdout());

            // the orphaned sleep is re-parented to the agent, then reaped when it exits
            long orphan = await().atMost(WAIT).until(() -> Procs.withMarker(mark).stream()
                    .filter(p -> Apps.parentOf(p) == agent.pid()).findFirst().orElse(0L), p -> p != 0L);
            Files.writeString(release, "go");
            await().atMost(WAIT).until(() -> !Files.exists(Path.of("/proc", Long.toString(orphan))));
            assertEquals(List.of(), Apps.zombieChildren(agent.pid()));

            // the engine still reaps its own program and sees its exit status
            await().atMost(WAIT).until(() -> Files.readString(logs.resolve("supervisord.log"))
                    .contains("exited: quick (exit status 3; not expected)"));
            Steward.Result tail = Apps.steward(dir, "logs", "logs", "--log-dir", logs.toString(), "-n", "1", "queue");
            assertTrue(tail.stdout().lines().allMatch(l -> l.startsWith("queue")), tail.stdout());

            agent.signal("TERM");
            assertEquals(0, agent.waitFor(20));
            assertTrue(Files.readString(logs.resolve("queue.log")).contains("Got SIGTERM exiting..."));
            assertTrue(Procs.withMarker("sleep 300").stream().noneMatch(p -> Apps.parentOf(p) == agent.pid()));
        }
        String log = Files.readString(logs.resolve("supervisord.log"));
        assertTrue(!log.contains("could not reap"), log);
    }
}
