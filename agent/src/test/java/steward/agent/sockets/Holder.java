package steward.agent.sockets;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Drives {@code holder.py}, the agent's stand-in for these tests: it holds listening sockets and
 * spawns node processes on them (fds 3.., a notify pipe after them, STEWARD_SOCKETS,
 * STEWARD_NOTIFY_FD), as the agent does, with the preload in NODE_OPTIONS. No Steward engine.
 */
final class Holder implements AutoCloseable {
    static final Path ROOT = Path.of(System.getProperty("steward.root", "..")).toAbsolutePath().normalize();

    private final Process process;
    private final Writer commands;
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final Path dir;
    private final Path preload;
    private final String spec;

    private Holder(Process process, Path dir, Path preload) throws IOException {
        this.process = process;
        this.dir = dir;
        this.preload = preload;
        this.commands = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> read(process.getInputStream()), "holder-events");
        reader.setDaemon(true);
        reader.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> events.stream().anyMatch(e -> e.startsWith("sockets "))
                || !process.isAlive());
        this.spec = events.stream().filter(e -> e.startsWith("sockets ")).findFirst()
                .orElseThrow(() -> new IllegalStateException("holder.py did not start: " + events)).substring(8);
    }

    /** Skips the test when {@code tool} is missing, except on CI, where it fails. */
    static void requireTool(String tool) {
        boolean present = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
        if (!present && "true".equals(System.getenv("CI"))) {
            fail(tool + " is required on CI");
        }
        assumeTrue(present, tool + " is not installed");
    }

    /** Holds one socket per argument ("tcp" or "unix:/abs/path"), from {@code dir}. */
    static Holder start(Path dir, String... sockets) throws IOException {
        requireTool("node");
        requireTool("python3");
        Path script = resource(dir, "holder.py");
        Path preload = dir.resolve("node-preload.js");
        try (InputStream in = Holder.class.getResourceAsStream("/steward/agent/sockets/node-preload.js")) {
            Files.copy(in, preload);
        }
        List<String> cmd = new ArrayList<>(List.of("python3", script.toString()));
        cmd.addAll(List.of(sockets));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectError(dir.resolve("holder.err").toFile()).start();
        return new Holder(p, dir, preload);
    }

    /** Copies a test resource next to the others in {@code dir}; returns its path. */
    static Path resource(Path dir, String name) throws IOException {
        Path to = dir.resolve(name);
        try (InputStream in = Holder.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource steward/agent/sockets/" + name);
            }
            Files.copy(in, to);
        }
        return to;
    }

    /** STEWARD_SOCKETS as handed to the children. */
    String spec() {
        return spec;
    }

    /** The port of the i-th held TCP socket. */
    int port(int i) {
        String url = spec.split(",")[i];
        return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
    }

    /** Spawns {@code node args…} as {@code name} on the held sockets; returns its pid. */
    long spawnNode(String name, Path cwd, Map<String, String> env, String... args) throws IOException {
        StringBuilder json = new StringBuilder("{\"op\":\"spawn\",\"name\":").append(quote(name)).append(",\"argv\":[\"node\"");
        for (String a : args) {
            json.append(',').append(quote(a));
        }
        json.append("],\"cwd\":").append(quote(cwd.toString())).append(",\"log\":").append(quote(log(name).toString()));
        json.append(",\"env\":{\"NODE_OPTIONS\":").append(quote("--require " + preload));
        env.forEach((k, v) -> json.append(',').append(quote(k)).append(':').append(quote(v)));
        send(json.append("}}").toString());
        await().atMost(Duration.ofSeconds(10)).until(() -> event("pid " + name + " ").isPresent());
        return Long.parseLong(event("pid " + name + " ").orElseThrow());
    }

    void signal(String name, int sig) throws IOException {
        send("{\"op\":\"signal\",\"name\":" + quote(name) + ",\"sig\":" + sig + "}");
    }

    /** The lines {@code name} wrote on its notify pipe so far. */
    List<String> notifications(String name) {
        String prefix = "notify " + name + " ";
        return events.stream().filter(e -> e.startsWith(prefix)).map(e -> e.substring(prefix.length()))
                .collect(Collectors.toList());
    }

    /** Its exit code once it ended (negative: the signal that ended it). */
    Optional<Integer> exit(String name) {
        return event("exit " + name + " ").map(Integer::parseInt);
    }

    int awaitExit(String name, Duration within) {
        await().atMost(within).until(() -> exit(name).isPresent());
        return exit(name).orElseThrow();
    }

    Path log(String name) {
        return dir.resolve(name + ".log");
    }

    String output(String name) {
        try {
            return Files.exists(log(name)) ? Files.readString(log(name)) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Optional<String> event(String prefix) {
        return events.stream().filter(e -> e.startsWith(prefix)).map(e -> e.substring(prefix.length())).findFirst();
    }

    private synchronized void send(String line) throws IOException {
        commands.write(line + "\n");
        commands.flush();
    }

    private void read(InputStream in) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                events.add(line);
            }
        } catch (IOException ignored) {
            // the holder ended
        }
    }

    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** Closing its stdin makes the holder kill the children still running; then it ends. */
    @Override
    public void close() throws IOException {
        try {
            commands.close();
        } catch (IOException ignored) {
            // already gone
        }
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
