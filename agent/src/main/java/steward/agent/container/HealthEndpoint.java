package steward.agent.container;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import steward.agent.deploy.DrainGate;
import steward.agent.deploy.Readiness;
import steward.agent.deploy.StewardMethods;
import steward.compat.http.PublicEndpoint;
import steward.compat.json.JsonWriter;
import steward.compat.web.WebResponse;

/**
 * The health port's probes, served by the control server on a public port of its own (its
 * deadlines and room of connections: a client holding half a request delays no other probe).
 * HEAD and GET; the JSON body never names programs or pids (that is for the control socket).
 * <ul>
 * <li>readiness, on the configured path ({@code /health}) and Hipache's {@code /CloudHealthCheck}:
 *     200 when the instance is ready; 503 with {@code Retry-After} while waiting for a release,
 *     starting, redeploying or draining (from the first SIGTERM/SIGINT on: maintenance, not a dead
 *     backend); 500 when it was ready and a program or the web port went down;
 * <li>{@value #LIVENESS_PATH}: 200 while the engine's loop turns (see {@link LoopHeartbeat}), 503 when the
 *     agent is wedged; never fails for a redeploy, a program down or the drain;
 * <li>{@value #STARTUP_PATH}: 503 until the first release's programs have been ready once (or, with no
 *     release, at once: the agent waits for a deploy), then 200 for good.
 * </ul>
 */
final class HealthEndpoint implements PublicEndpoint {
    static final String LIVENESS_PATH = "/livez";
    static final String STARTUP_PATH = "/startupz";
    private static final List<String> NO_STORE = List.of("Cache-Control: no-store");

    private final String readinessPath;
    private final DrainGate gate;
    private final Readiness readiness;
    private final LoopHeartbeat heartbeat;

    HealthEndpoint(String readinessPath, DrainGate gate, Readiness readiness, LoopHeartbeat heartbeat) {
        this.readinessPath = readinessPath;
        this.gate = gate;
        this.readiness = readiness;
        this.heartbeat = heartbeat;
    }

    @Override
    public WebResponse answer(String method, String path) {
        boolean readinessProbe = path.equals(readinessPath) || path.equals("/CloudHealthCheck");
        if (!readinessProbe && !path.equals(LIVENESS_PATH) && !path.equals(STARTUP_PATH)) {
            return json(404, Map.of("error", "not found"), NO_STORE);
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return json(405, Map.of("error", "method not allowed"), List.of("Allow: GET, HEAD", "Cache-Control: no-store"));
        }
        if (readinessProbe) {
            return readiness();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("phase", gate.phase().wireName());
        if (path.equals(LIVENESS_PATH)) {
            boolean alive = heartbeat.alive();
            m.put("alive", alive);
            m.put("loopIdleMillis", (int) Math.min(Integer.MAX_VALUE, heartbeat.sinceLastBeat().toMillis()));
            return json(alive ? 200 : 503, m, NO_STORE);
        }
        boolean started = heartbeat.started();
        m.put("started", started);
        return json(started ? 200 : 503, m, started ? NO_STORE : retryAfter());
    }

    private WebResponse readiness() {
        Map<String, Object> report = publicReport(StewardMethods.report(gate, readiness.check()));
        if (Boolean.TRUE.equals(report.get("ready"))) {
            return json(200, report, NO_STORE);
        }
        if (gate.phase() == DrainGate.Phase.READY) {
            return json(500, report, NO_STORE);
        }
        return json(503, report, retryAfter());
    }

    private static List<String> retryAfter() {
        return List.of("Cache-Control: no-store", "Retry-After: " + DrainGate.RETRY_AFTER_SECONDS);
    }

    /** The full report without what only the control socket may tell: program names, states and pids. */
    static Map<String, Object> publicReport(Map<String, Object> full) {
        Map<String, Object> m = new LinkedHashMap<>(full);
        List<?> programs = (List<?>) m.remove("programs");
        long running = programs.stream().filter(p -> "RUNNING".equals(((Map<?, ?>) p).get("state"))).count();
        m.put("programs", programs.size());
        m.put("running", (int) running);
        return m;
    }

    private static WebResponse json(int status, Map<String, Object> body, List<String> headers) {
        return new WebResponse(status, "application/json", headers,
                (JsonWriter.write(body) + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
