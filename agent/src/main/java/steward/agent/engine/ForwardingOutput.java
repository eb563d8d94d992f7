package steward.agent.engine;

import java.nio.ByteBuffer;
import steward.compat.events.EngineEvent;

/**
 * An {@link OutputHandler} that hands everything to the one behind it: a hook that only watches
 * (or adds to) some of the calls overrides those and calls {@code super}.
 */
public abstract class ForwardingOutput implements OutputHandler {
    private final OutputHandler next;

    protected ForwardingOutput(OutputHandler next) {
        this.next = next;
    }

    @Override
    public void output(EngineEvent.Stream stream, ByteBuffer chunk) {
        next.output(stream, chunk);
    }

    @Override
    public void spawned(int pid, ProcessStdin stdin) {
        next.spawned(pid, stdin);
    }

    @Override
    public void exited() {
        next.exited();
    }
}
