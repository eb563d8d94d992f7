package steward.agent.deploy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import steward.compat.api.ProcessControl;
import steward.compat.api.ProcessInfo;

/**
 * "Responsive", as dotCloud's deployer waited for it: every autostarted program RUNNING and, for
 * an HTTP service, the web port ({@code PORT_WWW}, 8080) answering HTTP on loopback ({@link #answers}). The
 * programs' states come from the engine's view, awaited ({@link ProgramWatch}); only the port is probed.
 */
public final class Readiness {
    private static final int CONNECT_TIMEOUT_MS = 250;
    private static final long PORT_PROBE_MS = 20;
    private static final int ANSWER_TIMEOUT_MS = 2000;

    private final ProgramWatch watch;
    private final Supplier<OptionalInt> webPort;

    /** One look at the instance. {@code fatal} names an autostarted program that gave up (FATAL). */
    public record Report(boolean programsRunning, OptionalInt webPort, boolean portOpen, List<ProcessInfo> programs,
            Optional<String> fatal) {
        public Report {
            programs = List.copyOf(programs);
        }

        public boolean ready() {
            return programsRunning && (webPort.isEmpty() || portOpen);
        }
    }

    public Readiness(ProcessControl engine, Supplier<OptionalInt> webPort) {
        this.watch = new ProgramWatch(engine);
        this.webPort = webPort;
    }

    ProgramWatch watch() {
        return watch;
    }

    public OptionalInt webPort() {
        return webPort.get();
    }

    /** The web port of a release: its {@code PORT_WWW}, for HTTP services. */
    public static OptionalInt webPortOf(steward.builder.ReleaseView view) {
        String p = view.environment().get("PORT_WWW");
        if (p == null) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(p.trim()));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    public Report check() {
        return report(watch.current());
    }

    private Report report(ProgramWatch.View v) {
        OptionalInt port = webPort.get();
        boolean running = v.autostartRunning();
        boolean open = port.isPresent() && answers(port.getAsInt());
        return new Report(running, port, open, new ArrayList<>(v.programs()), v.fatal());
    }

    /**
     * Waits until ready, a program is FATAL, {@code cancelled} completes, or the time is up; returns
     * the last look. Program states are awaited on the engine's view; once they are all RUNNING, the
     * web port (outside the engine) is probed every 20 ms.
     */
    public Report await(Duration timeout, CompletableFuture<?> cancelled) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            ProgramWatch.View v = watch.await(w -> w.autostartRunning() || w.fatal().isPresent(), deadline, cancelled);
            Report r = report(v);
            if (r.ready() || r.fatal().isPresent() || cancelled.isDone() || System.nanoTime() > deadline) {
                return r;
            }
            if (r.programsRunning()) {
                Thread.sleep(PORT_PROBE_MS);
            }
        }
    }

    /**
     * True when an HTTP server answers {@code GET /} on loopback {@code port} with a status line that
     * is not a gateway's error (502, 504: nginx whose app server is not there). A connection alone
     * proves nothing here: the agent holds the web socket, so the kernel accepts connections into
     * its backlog while no program serves.
     */
    public static boolean answers(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), CONNECT_TIMEOUT_MS);
            s.setSoTimeout(ANSWER_TIMEOUT_MS);
            s.getOutputStream().write(("GET / HTTP/1.0\r\nHost: localhost\r\nUser-Agent: steward-readiness\r\n"
                    + "Connection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            byte[] head = s.getInputStream().readNBytes(12);
            String line = new String(head, java.nio.charset.StandardCharsets.US_ASCII);
            return line.matches("HTTP/\\d\\.\\d \\d{3}") && !line.endsWith("502") && !line.endsWith("504");
        } catch (IOException e) {
            return false;
        }
    }

    /** True when something accepts TCP connections on loopback {@code port} (IPv4, then IPv6). */
    public static boolean accepts(int port) {
        for (InetAddress a : new InetAddress[] {InetAddress.getLoopbackAddress(), loopback6()}) {
            if (a == null) {
                continue;
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(a, port), CONNECT_TIMEOUT_MS);
                return true;
            } catch (IOException e) {
                // try the next address
            }
        }
        return false;
    }

    private static InetAddress loopback6() {
        try {
            return InetAddress.getByName("::1");
        } catch (IOException e) {
            return null;
        }
    }
}
