package steward.agent.container;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;
import steward.agent.deploy.DrainGate;
import steward.agent.deploy.Readiness;
import steward.agent.deploy.StewardMethods;
import steward.agent.metrics.Exposition;
import steward.agent.metrics.Metrics;
import steward.compat.json.JsonWriter;

/**
 * The optional health endpoint for a router (Hipache's checker sends {@code HEAD /CloudHealthCheck}):
 * on the configured path and on {@code /CloudHealthCheck}, HEAD and GET answer 200 when the instance
 * is ready; 503 with {@code Retry-After} while waiting for a release, starting, redeploying or
 * draining (maintenance, not a dead backend); 500 when it was ready and a program or the web port
 * went down. It answers anyone on every interface (probes need that), so its JSON body says only
 * the phase, readiness and how many programs run; names, states and pids are for the control
 * socket ({@code steward.health}). With {@code steward run --metrics}, {@code /metrics} serves the
 * Prometheus page (program names, states and resources, no pids: what an orchestrator scrapes).
 */
public final class HealthServer implements AutoCloseable {
    private final HttpServer server;

    private HealthServer(HttpServer server) {
        this.server = server;
    }

    /** @param metrics the page for {@code /metrics}, or empty to serve none here */
    public static HealthServer start(int port, String path, DrainGate gate, Readiness readiness,
            java.util.Optional<Metrics> metrics) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(port), 16);
        s.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "steward-health");
            t.setDaemon(true);
            return t;
        }));
        s.createContext("/", ex -> answer(ex, path, gate, readiness));
        metrics.ifPresent(m -> s.createContext("/metrics", ex -> metrics(ex, m)));
        s.start();
        return new HealthServer(s);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void answer(HttpExchange ex, String path, DrainGate gate, Readiness readiness) throws IOException {
        try (ex) {
            String p = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            if (!p.equals(path) && !p.equals("/CloudHealthCheck")) {
                send(ex, 404, "{\"error\":\"not found\"}", method);
                return;
            }
            if (!method.equals("GET") && !method.equals("HEAD")) {
                ex.getResponseHeaders().set("Allow", "GET, HEAD");
                send(ex, 405, "{\"error\":\"method not allowed\"}", method);
                return;
            }
            Map<String, Object> report = publicReport(StewardMethods.report(gate, readiness.check()));
            int code;
            if (Boolean.TRUE.equals(report.get("ready"))) {
                code = 200;
            } else if (gate.phase() == DrainGate.Phase.READY) {
                code = 500;
            } else {
                code = 503;
                ex.getResponseHeaders().set("Retry-After", String.valueOf(DrainGate.RETRY_AFTER_SECONDS));
            }
            send(ex, code, JsonWriter.write(report) + "\n", method);
        }
    }

    private static void metrics(HttpExchange ex, Metrics metrics) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            if (!ex.getRequestURI().getPath().equals("/metrics") || !method.equals("GET") && !method.equals("HEAD")) {
                send(ex, 404, "{\"error\":\"not found\"}", method);
                return;
            }
            java.nio.ByteBuffer body = metrics.scrape();
            ex.getResponseHeaders().set("Content-Type", Exposition.CONTENT_TYPE);
            ex.sendResponseHeaders(200, method.equals("HEAD") ? -1 : body.remaining());
            if (!method.equals("HEAD")) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body.array(), body.arrayOffset() + body.position(), body.remaining());
                    body.position(body.limit()); // sent: the next scrape may write into it
                }
            }
        }
    }

    /** The full report without what only the control socket may tell: program names, states and pids. */
    static Map<String, Object> publicReport(Map<String, Object> full) {
        Map<String, Object> m = new java.util.LinkedHashMap<>(full);
        java.util.List<?> programs = (java.util.List<?>) m.remove("programs");
        long running = programs.stream().filter(p -> "RUNNING".equals(((Map<?, ?>) p).get("state"))).count();
        m.put("programs", programs.size());
        m.put("running", (int) running);
        return m;
    }

    private static void send(HttpExchange ex, int code, String body, String method) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        if (method.equals("HEAD")) {
            ex.sendResponseHeaders(code, -1);
            return;
        }
        ex.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
