package steward.agent.engine;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static steward.compat.api.ProcessState.RUNNING;
import static steward.compat.api.ProcessState.STOPPED;
import static steward.compat.api.ProcessState.STOPPING;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import steward.compat.config.ProcessConfig;

/** Shutdown stops the highest priority number first; equal priorities stop together. */
class ShutdownOrderTest {
    @TempDir
    Path dir;

    /** A program that takes ~300 ms to exit after TERM. */
    private ProcessConfig slowToStop(Programs p, String name, int priority) {
        return Programs.with(p.program(name,
                        "/bin/sh -c \"trap 'sleep 0.3; exit 0' TERM; echo up; while :; do sleep 0.05; done\""),
                b -> b.startsecs(0).priority(priority));
    }

    @Test
    void higherPriorityNumbersStopFirstAndEqualOnesInParallel() throws Exception {
        Programs p = new Programs(dir);
        EngineFixture f = new EngineFixture(dir, p.conf(slowToStop(p, "first", 1), slowToStop(p, "last1", 500),
                slowToStop(p, "last2", 500)));
        await().atMost(Duration.ofSeconds(10)).until(() -> f.events.count("first", RUNNING) == 1
                && f.events.count("last1", RUNNING) == 1 && f.events.count("last2", RUNNING) == 1);
        f.engine.shutdown();
        f.engine.terminated().get(30, TimeUnit.SECONDS);
        long last1Stopping = f.events.times("last1", STOPPING).get(0);
        long last2Stopping = f.events.times("last2", STOPPING).get(0);
        long lastStopped = Math.max(f.events.times("last1", STOPPED).get(0), f.events.times("last2", STOPPED).get(0));
        long firstLastStopped = Math.min(f.events.times("last1", STOPPED).get(0), f.events.times("last2", STOPPED).get(0));
        long firstStopping = f.events.times("first", STOPPING).get(0);
        // each takes ~300 ms to exit after TERM: one after the other, the second would be signalled
        // only after the first had stopped
        assertTrue(Math.max(last1Stopping, last2Stopping) < firstLastStopped, "equal priorities are signalled together");
        assertTrue(firstStopping >= lastStopped, "priority 1 is stopped only after both priority-500 programs");
        f.log.close();
    }
}
