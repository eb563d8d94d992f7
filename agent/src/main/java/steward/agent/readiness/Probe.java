package steward.agent.readiness;

import java.util.function.Consumer;
import steward.agent.os.EventLoop;

/**
 * One attempt of a readiness check, run on an event loop without blocking it: it registers what it
 * waits for and reports once, either "ready" (null) or why not. {@link #cancel} stops it.
 */
interface Probe {
    /** Starts the attempt; {@code done} gets null for ready, else the reason; called once, on the loop. */
    void start(EventLoop loop, Consumer<String> done);

    /** Stops an attempt still running (its timeout), releasing what it holds. Loop thread. */
    void cancel();
}
