package steward.agent.up;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import steward.compat.ctl.CtlClient;
import steward.compat.ctl.ServerFault;

/**
 * One service's agent under {@code steward up}: a child {@code steward run} for its home, in a
 * session of its own ({@code setsid}) so the terminal's Ctrl-C reaches {@code up} alone, which then
 * stops the agents in order. Its own output (before its log is open) goes to
 * {@code HOME/.steward/up-agent.out}.
 */
public final class ChildAgent {
    private final Unit unit;
    private final Process process;
    private final CtlClient client;

    private ChildAgent(Unit unit, Process process) {
        this.unit = unit;
        this.process = process;
        this.client = new CtlClient("unix://" + socket(unit.home()), null, null);
    }

    public static Path socket(Path home) {
        return home.resolve("run").resolve("supervisor.sock");
    }

    public static Path logDir(Path home) {
        return home.resolve("log");
    }

    public static ChildAgent start(Unit unit, Map<String, String> env) throws IOException {
        Path home = unit.home();
        Path out = home.resolve(".steward").resolve("up-agent.out");
        Files.createDirectories(out.getParent());
        List<String> cmd = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            cmd.add("/usr/bin/setsid");
        }
        cmd.addAll(launcher(env));
        cmd.addAll(List.of("run", "--home", home.toString(), "--socket", socket(home).toString(),
                "--log-dir", logDir(home).toString(), "--quiet", "--drain-delay", "0"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("STEWARD_NO_BUILD", "1");
        return new ChildAgent(unit, pb.start());
    }

    /** {@code $STEWARD_BIN} (set by the launcher), else this JVM's java with its class path. */
    private static List<String> launcher(Map<String, String> env) {
        String bin = env.get("STEWARD_BIN");
        if (bin != null && Files.isExecutable(Path.of(bin))) {
            return List.of(bin);
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        return List.of(java, "-XX:+UseSerialGC", "-Xmx96m", "-cp", System.getProperty("java.class.path"),
                "steward.agent.Main");
    }

    public Unit unit() {
        return unit;
    }

    public long pid() {
        return process.pid();
    }

    public java.util.concurrent.CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** The agent's {@code steward.readiness} report; empty while its socket does not answer. */
    public Optional<Map<?, ?>> readiness() {
        try {
            return Optional.of((Map<?, ?>) client.call("steward.readiness"));
        } catch (IOException | ServerFault | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** What the agent printed itself (a start-up failure before its log opened). */
    public List<String> console() {
        try {
            List<String> all = Files.readAllLines(unit.home().resolve(".steward").resolve("up-agent.out"));
            return all.subList(Math.max(0, all.size() - 10), all.size());
        } catch (IOException e) {
            return List.of();
        }
    }

    /** SIGTERM (the agent stops its programs in order), waits; SIGKILL after {@code seconds}. */
    public int stop(int seconds) throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
        client.close();
        return process.isAlive() ? -1 : process.exitValue();
    }
}
