package steward.agent.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the packaged {@code bin/steward} (never a second Maven build: STEWARD_NO_BUILD is set) with
 * its output captured to files, for end-to-end tests.
 */
public final class Steward implements AutoCloseable {
    public static final Path ROOT = Path.of(System.getProperty("steward.root", "..")).toAbsolutePath().normalize();
    public static final Path BIN = ROOT.resolve("bin/steward");

    static {
        warmUp();
    }

    private final Process process;
    private final Path out;
    private final Path err;

    private Steward(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /**
     * Lets the launcher record its class data for the freshly packaged jar once, before any test
     * starts a clock: that takes seconds on a loaded machine, once per build and path (the short
     * commands' {@code cli} one, the {@code supervisord} one, and the {@code run} one).
     */
    private static void warmUp() {
        try {
            for (List<String> args : List.of(List.of("--version"), List.of("supervisord", "--help"), List.of("run", "--help"))) {
                List<String> cmd = new ArrayList<>(List.of(BIN.toString()));
                cmd.addAll(args);
                ProcessBuilder pb = new ProcessBuilder(cmd)
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
                pb.environment().put("STEWARD_NO_BUILD", "1");
                pb.start().waitFor(180, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts {@code bin/steward args…} with output in {@code dir}/steward.out and .err. */
    public static Steward start(Path dir, Map<String, String> env, String... args) throws IOException {
        return start(dir, env, (Path) null, args);
    }

    /** As {@link #start(Path, Map, String...)}, in working directory {@code cwd} (null: this one). */
    public static Steward start(Path dir, Map<String, String> env, Path cwd, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(BIN.toString());
        cmd.addAll(List.of(args));
        Path out = dir.resolve("steward.out");
        Path err = dir.resolve("steward.err");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd == null ? null : cwd.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("STEWARD_NO_BUILD", "1");
        pb.environment().putAll(env);
        return new Steward(pb.start(), out, err);
    }

    /** Runs to completion in {@code cwd} and returns the exit code and output. */
    public static Result run(Path dir, Map<String, String> env, Path cwd, String... args) throws Exception {
        try (Steward s = start(dir, env, cwd, args)) {
            int code = s.waitFor(120);
            return new Result(code, s.stdout(), s.stderr());
        }
    }

    public static Steward start(Path dir, String... args) throws IOException {
        return start(dir, Map.of(), args);
    }

    /** Runs to completion and returns the exit code. */
    public static Result run(Path dir, String... args) throws Exception {
        try (Steward s = start(dir, args)) {
            int code = s.waitFor(120);
            return new Result(code, s.stdout(), s.stderr());
        }
    }

    public record Result(int exitCode, String stdout, String stderr) {
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public int waitFor(int seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new IllegalStateException("steward did not exit within " + seconds + " s");
        }
        return process.exitValue();
    }

    public String stdout() throws IOException {
        return Files.readString(out);
    }

    public String stderr() throws IOException {
        return Files.readString(err);
    }

    /** Sends a signal by name with kill(1). */
    public void signal(String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        kill.waitFor();
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
