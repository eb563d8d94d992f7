package steward.agent.engine;

import java.nio.ByteBuffer;
import steward.compat.events.EngineEvent;

/**
 * What happens to the bytes a process writes on its stdout and stderr. The standard handler
 * writes them to the process's log files (and publishes PROCESS_LOG events when
 * {@code stdout_events_enabled}/{@code stderr_events_enabled}); a {@link ProcessHooks} may put its
 * own in front of it (an event listener's stdout is its protocol channel, capture mode diverts
 * bytes between its tokens) and decide what, if anything, still reaches the standard one.
 * Every method runs on the engine's loop thread.
 */
public interface OutputHandler {
    /** A chunk the process wrote, positioned at its first byte; valid only during the call. */
    void output(EngineEvent.Stream stream, ByteBuffer chunk);

    /** The process was spawned as {@code pid}; {@code stdin} writes to its stdin. */
    default void spawned(int pid, ProcessStdin stdin) {
    }

    /** The process was reaped; everything it wrote before exiting has been handed over. */
    default void exited() {
    }
}
