package steward.agent.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class DrainGateTest {
    @Test
    void whenCompletesAtTheFirstPhaseThatMatchesAndAtOnceWhenItMatchesNow() {
        DrainGate gate = new DrainGate();
        CompletableFuture<DrainGate.Phase> draining = gate.when(p -> p == DrainGate.Phase.DRAINING);
        CompletableFuture<DrainGate.Phase> leftWaiting = gate.when(p -> p != DrainGate.Phase.WAITING);
        assertTrue(gate.when(p -> p == DrainGate.Phase.WAITING).isDone(), "holds now");
        gate.enter(DrainGate.Phase.STARTING);
        assertEquals(DrainGate.Phase.STARTING, leftWaiting.join());
        assertFalse(draining.isDone());
        assertTrue(gate.advance(DrainGate.Phase.STARTING, DrainGate.Phase.READY));
        assertTrue(gate.enterUnlessDraining(DrainGate.Phase.REDEPLOYING));
        assertFalse(draining.isDone());
        gate.drain();
        assertEquals(DrainGate.Phase.DRAINING, draining.join());
        assertFalse(gate.enterUnlessDraining(DrainGate.Phase.READY), "a shutdown wins");
    }
}
