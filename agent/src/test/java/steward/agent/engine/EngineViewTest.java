package steward.agent.engine;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import steward.compat.api.EngineView;
import steward.compat.api.ProcessRef;
import steward.compat.api.ProcessState;

/** The engine's boundary: reading its view costs no hop onto its thread; a wait completes by the event that satisfies it. */
class EngineViewTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ProcessRef WEB = new ProcessRef("web", "web");

    @TempDir
    Path dir;

    @Test
    void aViewIsReadWhileTheEngineThreadIsBlocked() throws Exception {
        Programs p = new Programs(dir);
        try (EngineFixture f = new EngineFixture(dir, p.conf(Programs.with(p.program("web", "/bin/sleep 1000"),
                b -> b.startsecs(0))))) {
            await().atMost(WAIT).until(() -> f.engine.view().processInfo(WEB).map(i -> i.state() == ProcessState.RUNNING)
                    .orElse(false));
            CountDownLatch blocked = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            f.engine.onLoop(() -> {
                blocked.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            try {
                assertTrue(blocked.await(10, TimeUnit.SECONDS));
                // a hop onto the engine's thread would wait for the release: the deadline would fail the test
                EngineView v = assertTimeoutPreemptively(WAIT, () -> f.engine.view());
                assertEquals(ProcessState.RUNNING, v.processInfo(WEB).orElseThrow().state());
                assertTrue(v.isActive("web"));
                assertEquals(1, v.allProcessInfo().size());
                assertTrue(v.serial() > 0);
            } finally {
                release.countDown();
            }
        }
    }

    @Test
    void awaitCompletesOnTheEngineThreadWithTheViewOfTheEventThatMadeItTrue() throws Exception {
        Programs p = new Programs(dir);
        try (EngineFixture f = new EngineFixture(dir, p.conf(Programs.with(p.program("web", "/bin/sleep 1000"),
                b -> b.startsecs(0))))) {
            EngineView running = f.engine.awaitView(v -> v.process(WEB).map(x -> x.state() == ProcessState.RUNNING)
                    .orElse(false)).get(10, TimeUnit.SECONDS);

            CompletableFuture<String> onLoop = new CompletableFuture<>();
            CompletableFuture<EngineView> stopped = f.engine.awaitView(
                    v -> v.process(WEB).map(x -> x.state() == ProcessState.STOPPED).orElse(false));
            stopped.thenRun(() -> onLoop.complete(Thread.currentThread().getName()));
            assertFalse(stopped.isDone());
            f.engine.stop(WEB, false);
            // waited on first, before any get() on stopped (a thread in get() may run its dependents itself)
            assertEquals("steward-engine", onLoop.get(10, TimeUnit.SECONDS), "completed on the engine's thread");
            EngineView v = stopped.get(10, TimeUnit.SECONDS);
            assertEquals(ProcessState.STOPPED, v.processInfo(WEB).orElseThrow().state());
            assertTrue(v.serial() > running.serial());
            assertEquals(v.serial(), f.events.all().stream().filter(e -> e.event() instanceof
                    steward.compat.events.EngineEvent.ProcessStateChanged c && c.to() == ProcessState.STOPPED)
                    .mapToLong(steward.compat.events.EngineEvent.Published::serial).findFirst().orElseThrow(),
                    "stamped with the serial of the STOPPED event");
        }
    }
}
