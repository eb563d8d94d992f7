package steward.agent.container;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

/** Issue 15, defect 10: the unauthenticated health endpoint tells no program names or pids. */
class HealthEndpointTest {
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
