package steward.agent.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import steward.compat.api.ProcessState;
import steward.compat.config.ContainerOptions;
import steward.compat.config.HeldSocket;
import steward.compat.config.ProcessConfig;

/**
 * A program whose listening socket the daemon holds stops by draining: its old child gets the stop
 * signal and leaves for the draining set, the process is STOPPED at once and may start its
 * successor while the old child finishes; the old child is killed after drainsecs + stopwaitsecs.
 */
class DrainTest {
    private static ProcessConfig socketProgram() {
        HeldSocket web = new HeldSocket("www", "tcp://0.0.0.0:8080", "0.0.0.0", 8080, Optional.empty());
        return Programs.with(ProcessTableTest.config(), b -> b.stopwaitsecs(10).container(
                new ContainerOptions(List.of(), Optional.empty(), 60, false, List.of(), List.of(web), 30)));
    }

    @Test
    void aStopDetachesTheChildAndTheSuccessorStartsAtOnce() {
        TableHarness h = new TableHarness(socketProgram()).into(ProcessState.RUNNING);
        FakeSpawner.FakeChild old = h.spawner.current;
        CompletableFuture<Void> stopped = h.runner.stop(true);
        assertTrue(stopped.isDone(), "a drained stop does not wait for the old child");
        assertEquals(List.of("STOPPING", "STOPPED"), h.changes.stream().map(c -> c.to().name()).toList());
        assertEquals(List.of(old.pid + ":15"), h.spawner.signals);
        assertEquals(1, h.drainers.count());
        h.runner.start(false);
        assertNotEquals(old.pid, h.spawner.current.pid);
        assertEquals(ProcessState.STARTING, h.state());
        old.exit(0);
        assertEquals(0, h.drainers.count());
        assertEquals(ProcessState.STARTING, h.state(), "the old child's exit is not the new one's");
        h.clock.advance(1000);
        assertEquals(ProcessState.RUNNING, h.state());
    }

    @Test
    void anOldChildThatOutlivesDrainsecsAndStopwaitsecsIsKilled() {
        TableHarness h = new TableHarness(socketProgram()).into(ProcessState.RUNNING);
        FakeSpawner.FakeChild old = h.spawner.current;
        h.runner.stop(false);
        h.clock.advance(39_999);
        assertEquals(List.of(old.pid + ":15"), h.spawner.signals);
        h.clock.advance(1);
        assertEquals(List.of(old.pid + ":15", old.pid + ":9"), h.spawner.signals);
        old.exit(137);
        assertEquals(0, h.drainers.count());
    }

    @Test
    void aShutdownGivesDrainingChildrenTheirStopwaitsecsAndWaitsForThem() {
        TableHarness h = new TableHarness(socketProgram()).into(ProcessState.RUNNING);
        FakeSpawner.FakeChild old = h.spawner.current;
        h.runner.stop(false);
        h.clock.advance(5000);
        CompletableFuture<Void> done = h.drainers.shutdown();
        assertTrue(!done.isDone());
        h.clock.advance(10_000);
        assertEquals(old.pid + ":9", h.spawner.signals.get(h.spawner.signals.size() - 1));
        old.exit(137);
        assertTrue(done.isDone());
    }

    @Test
    void aProgramWithoutSocketsStopsAsSupervisorDoes() {
        TableHarness h = new TableHarness(ProcessTableTest.config()).into(ProcessState.RUNNING);
        CompletableFuture<Void> stopped = h.runner.stop(true);
        assertTrue(!stopped.isDone());
        assertEquals(ProcessState.STOPPING, h.state());
        assertEquals(0, h.drainers.count());
        h.spawner.current.exit(0);
        h.clock.runDeferred();
        assertTrue(stopped.isDone());
    }
}
