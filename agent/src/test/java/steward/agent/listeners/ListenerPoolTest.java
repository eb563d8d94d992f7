package steward.agent.listeners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import steward.agent.logs.DaemonLog;
import steward.agent.logs.LogSink;
import steward.compat.api.ProcessRef;
import steward.compat.api.ProcessState;
import steward.compat.config.LogLevel;
import steward.compat.events.EngineEvent;
import steward.compat.events.EventType;
import steward.compat.events.ListenerProtocol;

/** The pool's buffer, serials and dispatch, as Supervisor's EventListenerPool. */
class ListenerPoolTest {
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final DaemonLog log = new DaemonLog(LogSink.DISCARD, new PrintStream(logged, true), LogLevel.DEBG);
    private final PoolEvent.Serials serials = new PoolEvent.Serials();
    private final List<String> written = new ArrayList<>();
    private boolean stdinOpen = true;

    private ListenerPool pool(String name, int size, EventType... types) {
        return new ListenerPool(name, size, List.of(types), List.of(name + "_0", name + "_1"), serials,
                () -> "sv", log);
    }

    private static PoolEvent exited(int pid) {
        return new PoolEvent(new EngineEvent.ProcessStateChanged(new ProcessRef("web", "web"), ProcessState.RUNNING,
                ProcessState.EXITED, false, pid, 0));
    }

    private void ready(ListenerPool pool, String member) {
        ListenerPool.Member m = pool.member(member);
        m.running = true;
        m.stdin = bytes -> stdinOpen && written.add(member + " <- " + new String(bytes, StandardCharsets.UTF_8));
        m.protocol.spawned();
        m.protocol.output("READY\n".getBytes(StandardCharsets.US_ASCII));
    }

    private String log() {
        return logged.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aFullBufferDropsTheOldestAndSaysSo() {
        ListenerPool p = pool("p", 2, EventType.PROCESS_STATE);
        p.offer(exited(1));
        p.offer(exited(2));
        p.offer(exited(3));
        assertEquals(List.of(1L, 2L), p.buffered().stream().map(PoolEvent::serial).toList());
        assertTrue(log().contains(" ERRO pool p event buffer overflowed, discarding event 0\n"), log());
    }

    @Test
    void anEventMatchingTwoSubscriptionsIsBufferedTwiceAsInSupervisor() {
        ListenerPool p = pool("p", 10, EventType.PROCESS_STATE, EventType.PROCESS_STATE_EXITED);
        p.offer(exited(1));
        assertEquals(List.of(0L, 0L), p.buffered().stream().map(PoolEvent::serial).toList());
        assertTrue(log().contains(" DEBG rebuffering event 0 for pool p (buf size=1, max=10)\n"), log());
        p.offer(new PoolEvent(new EngineEvent.Tick(5, 100)));
        assertEquals(2, p.buffered().size(), "TICK_5 is not subscribed");
    }

    @Test
    void eventsGoToTheFirstRunningReadyListenerWithGlobalAndPoolSerials() {
        ListenerPool a = pool("a", 10, EventType.EVENT);
        ListenerPool b = pool("b", 10, EventType.PROCESS_STATE_EXITED);
        PoolEvent tick = new PoolEvent(new EngineEvent.Tick(5, 100));
        PoolEvent exit = exited(42);
        for (PoolEvent e : List.of(tick, exit)) {
            a.offer(e);
            b.offer(e);
        }
        a.member("a_0").protocol.spawned();
        a.member("a_0").running = true;
        a.dispatch();
        assertEquals(List.of(), written, "a_0 is not READY yet");
        ready(a, "a_1");
        a.dispatch();
        assertEquals(List.of("a_1 <- ver:3.0 server:sv serial:0 pool:a poolserial:0 eventname:TICK_5 len:8\nwhen:100"),
                written);
        assertEquals(ListenerProtocol.State.BUSY, a.member("a_1").protocol.state());
        ready(b, "b_0");
        b.dispatch();
        assertEquals("b_0 <- ver:3.0 server:sv serial:1 pool:b poolserial:0 eventname:PROCESS_STATE_EXITED len:66\n"
                + "processname:web groupname:web from_state:RUNNING expected:0 pid:42", written.get(1));
    }

    @Test
    void aFailedOrUnansweredEventIsSentAgainFirst() {
        ListenerPool p = pool("p", 10, EventType.PROCESS_STATE);
        p.offer(exited(1));
        p.offer(exited(2));
        ready(p, "p_0");
        p.dispatch();
        ListenerPool.Member m = p.member("p_0");
        m.protocol.output("RESULT 4\nFAIL".getBytes(StandardCharsets.US_ASCII));
        assertEquals(List.of(0L, 1L), p.buffered().stream().map(PoolEvent::serial).toList(), "FAIL re-queues at the head");
        m.protocol.output("READY\n".getBytes(StandardCharsets.US_ASCII));
        p.dispatch();
        assertTrue(written.get(1).contains(" serial:0 pool:p poolserial:0 "), written.get(1));
        m.protocol.exited();
        assertEquals(List.of(0L, 1L), p.buffered().stream().map(PoolEvent::serial).toList(), "an exit while BUSY re-queues");
    }

    @Test
    void aClosedStdinLeavesTheEventBuffered() {
        ListenerPool p = pool("p", 10, EventType.PROCESS_STATE);
        p.offer(exited(1));
        ready(p, "p_0");
        stdinOpen = false;
        p.dispatch();
        assertEquals(1, p.buffered().size());
        assertEquals(ListenerProtocol.State.READY, p.member("p_0").protocol.state());
        assertTrue(log().contains("epipe occurred while sending event 0 to listener p_0, listener state unchanged"));
    }
}
