package steward.agent.events;

import java.util.function.Consumer;
import steward.agent.os.Clock;
import steward.agent.os.EventLoop;
import steward.compat.events.EngineEvent;

/**
 * Supervisor's TICK_5, TICK_60 and TICK_3600: at each wall-clock multiple of 5 seconds a TICK_5,
 * followed by a TICK_60 and a TICK_3600 when their own period's slice changed too (as
 * supervisord's tick() publishes them, the first at the first boundary after start). Timed by the
 * loop's timers on the loop's clock. Loop thread only.
 */
public final class Ticker {
    private static final long PERIOD_MS = 5000;

    private final EventLoop loop;
    private final Clock clock;
    private final Consumer<EngineEvent> publish;
    private EventLoop.Timer timer;
    private static final int[] PERIODS = {5, 60, 3600};
    private final long[] last = new long[PERIODS.length];
    private long lastTick;

    public Ticker(EventLoop loop, Consumer<EngineEvent> publish) {
        this.loop = loop;
        this.clock = loop.clock();
        this.publish = publish;
    }

    public void start() {
        long now = clock.millis();
        lastTick = now / PERIOD_MS * PERIOD_MS;
        for (int i = 0; i < PERIODS.length; i++) {
            last[i] = now / 1000 / PERIODS[i] * PERIODS[i];
        }
        scheduleNext();
    }

    private void scheduleNext() {
        long now = clock.millis();
        long next = Math.max(lastTick + PERIOD_MS, now / PERIOD_MS * PERIOD_MS + (now % PERIOD_MS == 0 ? 0 : PERIOD_MS));
        timer = loop.schedule(next - now, this::fire);
    }

    private void fire() {
        long now = clock.millis();
        long tick = now / PERIOD_MS * PERIOD_MS;
        if (tick > lastTick) {
            lastTick = tick;
            long second = tick / 1000;
            for (int i = 0; i < PERIODS.length; i++) {
                long slice = second / PERIODS[i] * PERIODS[i];
                if (slice != last[i]) {
                    last[i] = slice;
                    publish.accept(new EngineEvent.Tick(PERIODS[i], slice));
                }
            }
        }
        scheduleNext();
    }

    public void stop() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }
}
