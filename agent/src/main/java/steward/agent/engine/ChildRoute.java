package steward.agent.engine;

import java.nio.ByteBuffer;
import java.util.function.IntConsumer;
import steward.compat.events.EngineEvent;

/**
 * Where one child's output and exit go: the process that owns the child now. A child changes
 * owner when it is detached to drain (its process is free to start a successor on the same held
 * socket) or adopted (a staged process becomes the active one at a redeploy). Loop thread only.
 */
final class ChildRoute implements OutputHandler {
    private OutputHandler output;
    private IntConsumer exited;

    ChildRoute(OutputHandler output, IntConsumer exited) {
        this.output = output;
        this.exited = exited;
    }

    /** From now on the child's output goes to {@code output} and its wait status to {@code exited}. */
    void to(OutputHandler output, IntConsumer exited) {
        this.output = output;
        this.exited = exited;
    }

    /** Only the exit moves; the output keeps its handler (the process's log files). */
    void exitTo(IntConsumer exited) {
        this.exited = exited;
    }

    @Override
    public void output(EngineEvent.Stream stream, ByteBuffer chunk) {
        output.output(stream, chunk);
    }

    void exited(int waitStatus) {
        exited.accept(waitStatus);
    }
}
