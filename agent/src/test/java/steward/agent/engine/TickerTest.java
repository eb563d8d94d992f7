package steward.agent.engine;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import steward.agent.events.Ticker;
import steward.agent.os.Clock;
import steward.agent.os.EventLoop;
import steward.compat.events.EngineEvent;

/** TICK_5, TICK_60 and TICK_3600 fire at wall-clock boundaries of the loop's clock, in that order. */
class TickerTest {
    @Test
    void anHourBoundaryPublishesAllThreeTicksInOrder() throws Exception {
        long hour = 3_600_000;
        long offset = hour - 100 - System.currentTimeMillis() % hour; // the clock is 100 ms before an hour
        Clock clock = new Clock() {
            @Override
            public long nanos() {
                return System.nanoTime();
            }

            @Override
            public long millis() {
                return System.currentTimeMillis() + offset;
            }
        };
        List<EngineEvent.Tick> ticks = new ArrayList<>();
        EventLoop loop = new EventLoop("ticker-test", clock);
        loop.start();
        try {
            loop.execute(() -> new Ticker(loop, e -> ticks.add((EngineEvent.Tick) e)).start());
            await().atMost(Duration.ofSeconds(5)).until(() -> loop.callAndWait(() -> ticks.size() >= 3));
            List<EngineEvent.Tick> seen = loop.callAndWait(() -> new ArrayList<>(ticks));
            long when = (clock.millis() + 50_000) / hour * hour / 1000;
            assertEquals(List.of(new EngineEvent.Tick(5, when), new EngineEvent.Tick(60, when),
                    new EngineEvent.Tick(3600, when)), seen);
        } finally {
            loop.close();
        }
    }
}
