package steward.agent.os;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A caller waiting on the loop is answered, or told the loop has stopped: a status call or a
 * /metrics scrape that arrives as the daemon ends must not hold its thread for ever.
 */
class EventLoopStopTest {
    @Test
    void callAndWaitAnswersWhileRunningAndFailsOnceStopped() throws Exception {
        EventLoop loop = new EventLoop("stop-test");
        loop.start();
        assertEquals(42, (int) loop.callAndWait(() -> 42));
        loop.stop();
        loop.join();
        IllegalStateException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(IllegalStateException.class, () -> loop.callAndWait(() -> 1)));
        assertEquals("the event loop has stopped", e.getMessage());
        loop.close();
    }
}
