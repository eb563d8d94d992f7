package steward.agent.up;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Waits for started agents to be ready, which for a web service means its port is held by a
 * process of that agent's own tree (never another server that held the port first) and answers an
 * HTTP request. A program
 * that goes FATAL, an agent that ends, or the time running out is a {@link Failure}: the cause in
 * one line and the program's last stderr lines.
 */
public final class StartWatch {
    /** Why a unit did not become ready. */
    public record Failure(Unit unit, String cause, List<String> lastLines) {
    }

    private static final int RESTARTS = 2;

    private final PortHolder ports;
    private final Clock clock;
    private final Map<String, Set<Object>> seen = new java.util.HashMap<>();

    public StartWatch(PortHolder ports, Clock clock) {
        this.ports = ports;
        this.clock = clock;
    }

    /** Empty when every agent became ready within {@code timeout}, else the first failure. */
    public Optional<Failure> await(List<ChildAgent> agents, Duration timeout, java.util.function.BooleanSupplier cancelled)
            throws InterruptedException {
        Instant end = clock.instant().plus(timeout);
        Set<ChildAgent> waiting = new LinkedHashSet<>(agents);
        while (!waiting.isEmpty()) {
            for (ChildAgent a : List.copyOf(waiting)) {
                Optional<Failure> f = look(a);
                if (f == null) {
                    waiting.remove(a);
                } else if (f.isPresent()) {
                    return f;
                }
            }
            if (cancelled.getAsBoolean()) {
                return Optional.empty();
            }
            if (!waiting.isEmpty() && clock.instant().isAfter(end)) {
                ChildAgent a = waiting.iterator().next();
                return Optional.of(new Failure(a.unit(), "not ready after " + timeout.toSeconds() + " s: "
                        + a.readiness().map(r -> String.valueOf(r.get("programs"))).orElse("its agent does not answer"),
                        List.of()));
            }
            Thread.sleep(50);
        }
        return Optional.empty();
    }

    /** null: ready; empty: not yet; a failure. */
    private Optional<Failure> look(ChildAgent a) {
        if (!a.alive()) {
            return Optional.of(new Failure(a.unit(), "its agent ended before it was ready", a.console()));
        }
        Optional<Map<?, ?>> r = a.readiness();
        if (r.isEmpty()) {
            return Optional.empty();
        }
        for (Object p : (List<?>) r.get().get("programs")) {
            Map<?, ?> m = (Map<?, ?>) p;
            String name = String.valueOf(m.get("name"));
            if ("FATAL".equals(m.get("state"))) {
                return Optional.of(fatal(a.unit(), name, "exited before it was ready (FATAL)"));
            }
            // a program that outlives startsecs and then exits is restarted for ever, never FATAL:
            // two restarts seen before Ready are its end too
            Set<Object> pids = seen.computeIfAbsent(a.unit().label() + "/" + name, k -> new java.util.HashSet<>());
            if (m.get("pid") instanceof Integer pid && pid > 0 && pids.add(pid) && pids.size() > RESTARTS) {
                return Optional.of(fatal(a.unit(), name, "exited " + RESTARTS + " times before it was ready"));
            }
        }
        if (!Boolean.TRUE.equals(r.get().get("ready"))) {
            return Optional.empty();
        }
        if (a.unit().port() <= 0) {
            return null;
        }
        Optional<PortHolder.Holder> h = ports.find(a.unit().port());
        if (h.isPresent() && h.get().pid() > 0 && !ports.descends(h.get().pid(), a.pid())) {
            return Optional.of(new Failure(a.unit(), "port " + a.unit().port() + " answers, but from "
                    + h.get().describe() + ", not from this app", List.of()));
        }
        return h.isPresent() && answers(a.unit().port()) ? null : Optional.empty();
    }

    /**
     * True when an HTTP request on the port gets an answer. The agent holds the web socket, so a
     * connection is accepted (into the backlog) even while no program serves: only an answer says
     * the app's own program is there.
     */
    static boolean answers(int port) {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 1000);
            s.setSoTimeout(2000);
            s.getOutputStream().write("GET / HTTP/1.0\r\nHost: localhost\r\n\r\n"
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            byte[] head = s.getInputStream().readNBytes(5);
            return new String(head, java.nio.charset.StandardCharsets.US_ASCII).startsWith("HTTP/");
        } catch (IOException e) {
            return false;
        }
    }

    private Failure fatal(Unit unit, String namespec, String what) {
        String name = namespec.substring(namespec.indexOf(':') + 1);
        Path dir = ChildAgent.logDir(unit.home());
        List<String> lines = last(dir.resolve(name + "_error.log"));
        if (lines.isEmpty()) {
            lines = last(dir.resolve(name + ".log"));
        }
        String cause = "program " + name + " " + what;
        for (String l : lines) {
            if (l.contains("EADDRINUSE") || l.contains("Address already in use")) {
                cause = "program " + name + " could not bind its port: another process holds it";
            }
        }
        return new Failure(unit, cause, lines);
    }

    private static List<String> last(Path f) {
        try {
            List<String> all = Files.readAllLines(f);
            return new ArrayList<>(all.subList(Math.max(0, all.size() - 10), all.size()));
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of();
        }
    }
}
