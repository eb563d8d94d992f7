package steward.agent.container;

import java.time.Duration;
import steward.agent.deploy.DrainGate;
import steward.agent.engine.Engine;
import steward.agent.logs.DaemonLog;
import steward.agent.os.Scheduler;

/**
 * {@code steward run}'s stop on SIGTERM/SIGINT, as an orchestrator needs it: readiness answers 503
 * at once (the gate drains), the programs keep serving for the drain delay while the endpoint
 * removal reaches every router, then the engine stops them in order as supervisord does. A second
 * SIGTERM/SIGINT during the delay cuts the rest of it short; one after it is the engine's (a
 * shutdown already under way). With a zero delay the programs stop at once.
 */
final class DrainDelay {
    private enum State { SERVING, DELAYING, STOPPING }

    private final Engine engine;
    private final DrainGate gate;
    private final Duration delay;
    private final DaemonLog log;
    private State state = State.SERVING;
    private long began;
    /** The delay's end on the loop; touched on the loop thread only. */
    private Scheduler.Cancellable timer;

    DrainDelay(Engine engine, DrainGate gate, Duration delay, DaemonLog log) {
        this.engine = engine;
        this.gate = gate;
        this.delay = delay;
        this.log = log;
    }

    /** A stop signal arrived ({@code name}: TERM or INT); from the signal thread. */
    synchronized void stopRequested(String name) {
        switch (state) {
            case SERVING -> {
                gate.drain();
                if (delay.isZero()) {
                    state = State.STOPPING;
                    engine.shutdown();
                    return;
                }
                state = State.DELAYING;
                began = System.nanoTime();
                log.info("drain delay of " + seconds(delay) + " s begins: readiness answers 503 while the programs "
                        + "keep serving (another SIGTERM or SIGINT ends it now)");
                engine.onLoop(() -> timer = engine.loop().schedule(delay.toMillis(), () -> end("is over")));
            }
            case DELAYING -> end("cut short by SIG" + name);
            case STOPPING -> engine.shutdown();
        }
    }

    private synchronized void end(String why) {
        if (state != State.DELAYING) {
            return;
        }
        state = State.STOPPING;
        log.info("drain delay " + why + " after " + seconds(Duration.ofNanos(System.nanoTime() - began))
                + " s: stopping the programs");
        engine.onLoop(() -> {
            if (timer != null) {
                timer.cancel();
            }
        });
        engine.shutdown();
    }

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f", d.toMillis() / 1000.0);
    }
}
