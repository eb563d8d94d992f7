package steward.agent.container;

import java.time.Duration;
import java.util.function.LongSupplier;
import steward.agent.deploy.DrainGate;
import steward.agent.engine.Engine;

/**
 * The engine loop's pulse, for the liveness and startup probes: a task on the loop every second
 * records when it last ran. The agent is wedged when that is older than {@link #STALE}: the loop
 * is stuck in something (every signal, restart and RPC waits on it), which only a restart cures. A
 * redeploy, the drain delay and the programs' stop all run with the loop turning, so they never
 * look wedged. The same task notes, sticky, when the agent has started: its first release became
 * ready, or it has no release and waits for a deploy.
 */
final class LoopHeartbeat {
    static final long PERIOD_MILLIS = 1000;
    /**
     * 10 s: ten missed beats. No task on a healthy loop takes more than milliseconds (work that
     * waits runs off the loop), so this is far from a false alarm, and a probe's failureThreshold
     * multiplies it.
     */
    static final Duration STALE = Duration.ofSeconds(10);

    private final Engine engine;
    private final DrainGate gate;
    private final LongSupplier nanos;
    private volatile long lastBeat;
    private volatile boolean started;

    LoopHeartbeat(Engine engine, DrainGate gate) {
        this(engine, gate, System::nanoTime);
    }

    /** @param nanos the clock (System.nanoTime; a test's hand-moved one) */
    LoopHeartbeat(Engine engine, DrainGate gate, LongSupplier nanos) {
        this.engine = engine;
        this.gate = gate;
        this.nanos = nanos;
        this.lastBeat = nanos.getAsLong();
    }

    /** Schedules the first beat (it runs once the loop runs), and every next one a second later. */
    LoopHeartbeat start() {
        engine.onLoop(this::tick);
        return this;
    }

    private void tick() {
        beat();
        engine.loop().schedule(PERIOD_MILLIS, this::tick);
    }

    /** The loop turned: what {@link #tick} records. */
    void beat() {
        lastBeat = nanos.getAsLong();
        started();
    }

    /** How long ago the loop last ran the beat. */
    Duration sinceLastBeat() {
        return Duration.ofNanos(nanos.getAsLong() - lastBeat);
    }

    boolean alive() {
        return sinceLastBeat().compareTo(STALE) < 0;
    }

    /**
     * Whether the first release was ready once, or there was none to start (waiting for a deploy):
     * noted at every beat and every look, so a probe never lags the readiness it follows.
     */
    boolean started() {
        if (!started) {
            DrainGate.Phase p = gate.phase();
            started = p == DrainGate.Phase.READY || p == DrainGate.Phase.WAITING;
        }
        return started;
    }
}
