package steward.agent.listeners;

import java.nio.ByteBuffer;
import steward.agent.engine.OutputHandler;
import steward.agent.engine.ProcessStdin;
import steward.compat.events.EngineEvent;
import steward.compat.events.ListenerProtocol;

/**
 * An event listener process's output: stdout is the protocol channel (and still its stdout log, as
 * in Supervisor), stderr is its log. Each spawn starts the protocol ACKNOWLEDGED; an exit while
 * BUSY puts the event back in the pool.
 */
final class ListenerOutput implements OutputHandler {
    private final ListenerPool pool;
    private final ListenerPool.Member member;
    private final OutputHandler next;

    ListenerOutput(ListenerPool pool, ListenerPool.Member member, OutputHandler next) {
        this.pool = pool;
        this.member = member;
        this.next = next;
    }

    @Override
    public void output(EngineEvent.Stream stream, ByteBuffer chunk) {
        if (stream == EngineEvent.Stream.STDERR) {
            next.output(stream, chunk);
            return;
        }
        byte[] bytes = new byte[chunk.remaining()];
        chunk.duplicate().get(bytes);
        next.output(stream, chunk);
        member.protocol.output(bytes);
        if (member.protocol.state() == ListenerProtocol.State.READY) {
            pool.dispatch();
        } else {
            pool.settle();
        }
    }

    @Override
    public void spawned(int pid, ProcessStdin stdin) {
        next.spawned(pid, stdin);
        member.protocol.spawned();
        member.stdin = stdin;
        member.pid = pid;
    }

    @Override
    public void exited() {
        next.exited();
        member.stdin = null;
        member.pid = 0;
        member.protocol.exited();
        pool.dispatch();
    }
}
