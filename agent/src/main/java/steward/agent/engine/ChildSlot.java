package steward.agent.engine;

import java.util.function.IntConsumer;

/**
 * One process's child: the running one (none between runs), the last one (it keeps its pipes until
 * their end of file), the route its output and exit take, and how many detached children of the
 * process still drain. Its fields change only through these methods. Loop thread only.
 */
final class ChildSlot {
    private Spawner.Child child;
    private Spawner.Child last;
    private ChildRoute route;
    private int draining;

    /** The running child, or null. */
    Spawner.Child child() {
        return child;
    }

    ChildRoute route() {
        return route;
    }

    /** A child was spawned and runs. */
    void spawned(Spawner.Child spawned, ChildRoute through) {
        child = spawned;
        last = spawned;
        route = through;
    }

    /** The running child was reaped (the last one keeps its pipes). */
    void exited() {
        child = null;
    }

    /** The running child leaves this process (to drain, or to its successor): none is left here. */
    void release() {
        child = null;
        last = null;
        route = null;
    }

    /** Takes over {@code from}'s running child, whose output and exit now come here. */
    void adopt(ChildSlot from, OutputHandler output, IntConsumer exited) {
        spawned(from.child, from.route);
        route.to(output, exited);
        from.release();
    }

    /** A child of this process started draining; {@link #drainEnded()} when it exits. */
    void drainStarted() {
        draining++;
    }

    /** Returns how many are still draining. */
    int drainEnded() {
        return --draining;
    }

    boolean draining() {
        return draining > 0;
    }

    /** Closes the last child's pipes (the process goes away). */
    void closeLast() {
        if (last != null) {
            last.close();
        }
    }
}
