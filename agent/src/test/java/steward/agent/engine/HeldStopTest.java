package steward.agent.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import steward.compat.api.ProcessRef;
import steward.compat.api.ProcessState;
import steward.compat.config.ContainerOptions;
import steward.compat.config.HeldSocket;
import steward.compat.config.ProcessConfig;

/**
 * A hook may hold a detached child's stop signal ({@link ProcessHooks#holdStop}: held sockets wait
 * for a server's keep-alive connections to end): the process is STOPPED and its successor starts at
 * once, the old child gets its stop signal when the hook lets go, after drainsecs, or at the
 * daemon's stop, and SIGKILL after drainsecs + stopwaitsecs as before.
 */
class HeldStopTest {
    private final CompletableFuture<Void> hold = new CompletableFuture<>();
    private final ProcessHooks holding = new ProcessHooks() {
        @Override
        public CompletableFuture<Void> holdStop(ProcessRef ref, ProcessConfig config, int pid) {
            return hold;
        }
    };

    private TableHarness running() {
        HeldSocket web = new HeldSocket("www", "tcp://0.0.0.0:8080", "0.0.0.0", 8080, Optional.empty());
        ProcessConfig config = Programs.with(ProcessTableTest.config(), b -> b.stopwaitsecs(10).container(
                new ContainerOptions(List.of(), Optional.empty(), 60, false, List.of(), List.of(web), 30)));
        return new TableHarness(config, ProcessHooks.all(List.of(holding))).into(ProcessState.RUNNING);
    }

    @Test
    void theStopSignalWaitsForTheHookWhileTheSuccessorRuns() {
        TableHarness h = running();
        FakeSpawner.FakeChild old = h.spawner.current;
        assertTrue(h.runner.stop(true).isDone());
        assertEquals(ProcessState.STOPPED, h.state());
        assertEquals(List.of(), h.spawner.signals, "held");
        h.runner.start(false);
        assertNotEquals(old.pid, h.spawner.current.pid);
        h.clock.advance(5000);
        assertEquals(List.of(), h.spawner.signals);
        hold.complete(null);
        assertEquals(List.of(old.pid + ":15"), h.spawner.signals);
        old.exit(0);
        assertEquals(0, h.drainers.count());
    }

    @Test
    void aHookThatNeverLetsGoIsOverruledAfterDrainsecs() {
        TableHarness h = running();
        h.runner.stop(false);
        h.clock.advance(29_999);
        assertTrue(h.spawner.signals.isEmpty());
        h.clock.advance(1);
        assertEquals(List.of(h.spawner.current.pid + ":15"), h.spawner.signals, "SIGKILL follows as in DrainTest");
        assertTrue(hold.isCancelled(), "the hook hears that nobody waits any more");
    }

    @Test
    void theDaemonsStopSendsAHeldStopSignalAtOnce() {
        TableHarness h = running();
        FakeSpawner.FakeChild old = h.spawner.current;
        h.runner.stop(false);
        CompletableFuture<Void> done = h.drainers.shutdown();
        assertEquals(List.of(old.pid + ":15"), h.spawner.signals);
        old.exit(0);
        assertTrue(done.isDone());
    }
}
