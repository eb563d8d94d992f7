package steward.agent.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TranscriptTest {
    @Test
    void aPollWaitsForTheNextLineAndPagesFromAPosition() throws Exception {
        List<String> echoed = new ArrayList<>();
        Transcript t = new Transcript("deploy-1", echoed::add);
        CompletableFuture<Transcript.Page> waiting = t.poll(0, 10_000);
        assertFalse(waiting.isDone());
        t.line("Launching...");
        Transcript.Page p = waiting.get(1, TimeUnit.SECONDS);
        assertEquals(List.of("Launching..."), p.lines());
        assertEquals(1, p.next());
        assertFalse(p.done());
        t.line("Successfully installed build revision rsync-1");
        t.finish(true);
        Transcript.Page last = t.poll(1, 10_000).get(1, TimeUnit.SECONDS);
        assertEquals(List.of("Successfully installed build revision rsync-1"), last.lines());
        assertTrue(last.done() && last.ok());
        assertEquals(2, echoed.size());
    }

    @Test
    void aPollWithNothingNewAnswersEmptyAfterItsTimeout() throws Exception {
        Transcript t = new Transcript("deploy-2", s -> { });
        Transcript.Page p = t.poll(0, 20).get(2, TimeUnit.SECONDS);
        assertEquals(List.of(), p.lines());
        assertFalse(p.done());
    }

    @Test
    void drainingWinsOverLaterPhases() {
        DrainGate g = new DrainGate();
        assertEquals(DrainGate.Phase.WAITING, g.phase());
        assertTrue(g.advance(DrainGate.Phase.WAITING, DrainGate.Phase.STARTING));
        assertFalse(g.advance(DrainGate.Phase.WAITING, DrainGate.Phase.READY));
        g.drain();
        assertFalse(g.enterUnlessDraining(DrainGate.Phase.READY));
        assertEquals("draining", g.phase().wireName());
    }
}
