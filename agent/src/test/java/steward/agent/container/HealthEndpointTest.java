package steward.agent.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import steward.compat.web.WebResponse;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import steward.agent.deploy.DrainGate;
import steward.agent.deploy.Readiness;
import steward.agent.deploy.StewardMethods;
import steward.compat.api.ProcessInfo;
import steward.compat.api.ProcessState;
import steward.compat.json.JsonWriter;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, defect 10: the unauthenticated health endpoint tells no program names or pids. Issue
 * 20 item 4: liveness fails only when the loop has not turned for 10 s; startup is sticky.
 */
class HealthEndpointTest {
    private static String body(WebResponse r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void livenessFailsOnlyOnceTheLoopHasNotTurnedFor10sAndStartupStaysUp() {
        AtomicLong now = new AtomicLong(1_000);
        DrainGate gate = new DrainGate();
        gate.enter(DrainGate.Phase.STARTING);
        LoopHeartbeat heartbeat = new LoopHeartbeat(null, gate, now::get);
        HealthEndpoint e = new HealthEndpoint("/health", gate, null, heartbeat); // readiness: not asked for these
        assertEquals(200, e.answer("GET", "/livez").status());
        assertEquals(503, e.answer("GET", "/startupz").status(), "starting");
        now.addAndGet(Duration.ofMillis(9_900).toNanos());
        assertEquals(200, e.answer("HEAD", "/livez").status());
        now.addAndGet(Duration.ofMillis(200).toNanos());
        WebResponse wedged = e.answer("GET", "/livez");
        assertEquals(503, wedged.status());
        assertEquals("{\"phase\":\"starting\",\"alive\":false,\"loopIdleMillis\":10100}\n", body(wedged));
        heartbeat.beat();
        assertEquals(200, e.answer("GET", "/livez").status(), "the loop turned again");

        gate.enter(DrainGate.Phase.READY);
        assertEquals(200, e.answer("GET", "/startupz").status());
        for (DrainGate.Phase p : List.of(DrainGate.Phase.REDEPLOYING, DrainGate.Phase.STARTING, DrainGate.Phase.DRAINING)) {
            gate.enter(p);
            assertEquals(200, e.answer("GET", "/startupz").status(), "started for good, also " + p);
            assertEquals(200, e.answer("GET", "/livez").status(), p + " is not wedged");
        }
        WebResponse post = e.answer("POST", "/livez");
        assertEquals(405, post.status());
        assertTrue(post.headers().contains("Allow: GET, HEAD"));
        assertEquals(404, e.answer("GET", "/healthz").status());
    }

    @Test
    void publicReportHasCountsNotNamesOrPids() {
        DrainGate gate = new DrainGate();
        gate.enter(DrainGate.Phase.READY);
        Readiness.Report r = new Readiness.Report(true, OptionalInt.of(8080), true, List.of(
                new ProcessInfo("secretname", "secretname", 1, 0, 2, ProcessState.RUNNING, "", 0, "", "", 4242),
                new ProcessInfo("other", "other", 0, 0, 2, ProcessState.STOPPED, "", 0, "", "", 0)), Optional.empty());
        String json = JsonWriter.write(HealthEndpoint.publicReport(StewardMethods.report(gate, r)));
        assertEquals("{\"phase\":\"ready\",\"ready\":true,\"webPort\":8080,\"webPortOpen\":true,\"programs\":2,\"running\":1}",
                json);
    }
}
