package steward.agent.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import steward.compat.api.ProcessRef;
import steward.compat.api.ProcessState;

/**
 * A ready= check through the table: past startsecs a process not yet ready stays STARTING
 * (RUN_WHEN_READY), READY lets it into RUNNING (RUN_IF_HELD), READY_TIMEOUT kills its group and
 * its exit backs off with the check's reason as spawnerr, then retries.
 */
class ReadinessTableTest {
    /** Hooks whose ready check says what the test sets. */
    static final class Ready implements ProcessHooks {
        boolean ready;

        @Override
        public boolean mayRun(ProcessRef ref) {
            return ready;
        }
    }

    @Test
    void startsecsOverButNotReadyWaitsForReady() {
        Ready hooks = new Ready();
        TableHarness h = new TableHarness(ProcessTableTest.config(), hooks).into(ProcessState.STARTING);
        h.clock.advance(1000);
        assertEquals(ProcessState.STARTING, h.state(), "held in STARTING after startsecs");
        hooks.ready = true;
        h.runner.readiness(null);
        h.clock.runDeferred();
        assertEquals(ProcessState.RUNNING, h.state());
    }

    @Test
    void readyBeforeStartsecsEntersRunningAtTheirEnd() {
        Ready hooks = new Ready();
        TableHarness h = new TableHarness(ProcessTableTest.config(), hooks).into(ProcessState.STARTING);
        hooks.ready = true;
        h.runner.readiness(null);
        assertEquals(ProcessState.STARTING, h.state());
        h.clock.advance(1000);
        assertEquals(ProcessState.RUNNING, h.state());
    }

    @Test
    void readyTimeoutKillsTheGroupAndBacksOffWithTheReason() {
        Ready hooks = new Ready();
        TableHarness h = new TableHarness(ProcessTableTest.config(), hooks).into(ProcessState.STARTING);
        h.clock.advance(1000);
        int pid = h.spawner.current.pid;
        h.runner.readiness("not ready after 1 s: connect to 127.0.0.1:9: Connection refused");
        assertEquals(List.of("-" + pid + ":9"), h.spawner.signals);
        h.spawner.current.exit(137);
        h.clock.runDeferred();
        assertEquals(ProcessState.BACKOFF, h.state());
        assertEquals("not ready after 1 s: connect to 127.0.0.1:9: Connection refused",
                h.runner.info(0).spawnerr());
        h.clock.advance(1000);
        assertEquals(ProcessState.STARTING, h.state(), "retried after the backoff");
    }

    @Test
    void readinessOutsideStartingIsIgnored() {
        TableHarness h = new TableHarness(ProcessTableTest.config()).into(ProcessState.RUNNING);
        h.runner.readiness("late");
        h.runner.readiness(null);
        assertEquals(ProcessState.RUNNING, h.state());
        assertEquals(List.of(), h.spawner.signals);
    }
}
