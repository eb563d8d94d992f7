package steward.agent.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static steward.compat.api.ProcessState.BACKOFF;
import static steward.compat.api.ProcessState.EXITED;
import static steward.compat.api.ProcessState.FATAL;
import static steward.compat.api.ProcessState.RUNNING;
import static steward.compat.api.ProcessState.STARTING;
import static steward.compat.api.ProcessState.STOPPED;
import static steward.compat.api.ProcessState.STOPPING;

import java.util.List;
import org.junit.jupiter.api.Test;
import steward.compat.api.ProcessState;
import steward.compat.config.AutoRestart;
import steward.compat.config.ProcessConfig;
import steward.compat.events.EngineEvent;

/** The table's timers on a hand-moved clock: backoff, startsecs, the restart throttle, stopwaitsecs. */
class ProcessTimingTest {
    private static ProcessConfig config(java.util.function.UnaryOperator<Programs.Builder> change) {
        return Programs.with(ProcessTableTest.config(), change);
    }

    private static List<ProcessState> states(TableHarness h) {
        return h.changes.stream().map(EngineEvent.ProcessStateChanged::to).toList();
    }

    @Test
    void backoffWaitsOneThenTwoSecondsAndGivesUpAfterStartretriesPlusOneSpawns() {
        TableHarness h = new TableHarness(config(b -> b.startretries(2)));
        h.runner.start(false);
        h.spawner.current.exit(3);
        h.clock.advance(999);
        assertEquals(BACKOFF, h.state(), "no retry before a second");
        h.clock.advance(1);
        assertEquals(STARTING, h.state());
        h.spawner.current.exit(3);
        h.clock.advance(1999);
        assertEquals(BACKOFF, h.state(), "the second retry waits two seconds");
        h.clock.advance(1);
        h.spawner.current.exit(3);
        assertEquals(List.of(STARTING, BACKOFF, STARTING, BACKOFF, STARTING, BACKOFF, FATAL), states(h));
        assertEquals(List.of(0, 1, 1, 2, 2, 3, 0), h.changes.stream().map(EngineEvent.ProcessStateChanged::tries).toList());
        assertEquals("Exited too quickly (process log may have details)", h.runner.info(0).spawnerr());
    }

    @Test
    void runningComesAfterStartsecsAndStartingCarriesThePid() {
        TableHarness h = new TableHarness(config(b -> b.startsecs(3)));
        h.runner.start(false);
        h.clock.advance(2999);
        assertEquals(STARTING, h.state());
        h.clock.advance(1);
        assertEquals(RUNNING, h.state());
        assertEquals(h.spawner.current.pid, h.changes.get(0).pid());
        assertEquals(h.spawner.current.pid, h.runner.info(0).pid());
    }

    @Test
    void aQuickCrashLoopWithStartsecsZeroRestartsOncePerSecond() {
        TableHarness h = new TableHarness(config(b -> b.startsecs(0).autorestart(AutoRestart.TRUE)));
        h.runner.start(false);
        h.clock.advance(200);
        h.spawner.current.exit(1);
        assertEquals(EXITED, h.state());
        h.clock.advance(799);
        assertEquals(EXITED, h.state(), "restarted a second after the last start, not before");
        h.clock.advance(1);
        assertEquals(RUNNING, h.state());
    }

    @Test
    void aChildIgnoringTheStopSignalGetsSigkillAfterStopwaitsecs() {
        TableHarness h = new TableHarness(config(b -> b.stopwaitsecs(5).stopasgroup(true)));
        h.into(RUNNING);
        int pid = h.spawner.current.pid;
        h.runner.stop(false);
        assertEquals(List.of("-" + pid + ":15"), h.spawner.signals);
        h.clock.advance(4999);
        assertEquals(1, h.spawner.signals.size());
        h.clock.advance(1);
        assertEquals(List.of("-" + pid + ":15", "-" + pid + ":9"), h.spawner.signals);
        assertEquals(STOPPING, h.state());
        h.spawner.current.exit(0);
        assertEquals(STOPPED, h.state());
        assertEquals(pid, h.changes.get(h.changes.size() - 1).pid(), "STOPPED carries the pid that stopped");
    }

    @Test
    void noRestartOrRetryWhileTheDaemonShutsDown() {
        TableHarness h = new TableHarness(config(b -> b.autorestart(AutoRestart.TRUE)));
        h.into(RUNNING);
        h.shuttingDown = true;
        h.clock.skip(1000);
        h.spawner.current.exit(0);
        h.clock.advance(5000);
        assertEquals(EXITED, h.state());
        assertTrue(!h.clock.pending());
    }
}
