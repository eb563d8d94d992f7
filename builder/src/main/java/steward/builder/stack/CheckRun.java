package steward.builder.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One run of a configuration checker ({@code nginx -t}, {@code php-fpm -t}): exit status and output lines, capped in time. */
record CheckRun(int exitCode, List<String> lines) {
    static final long LIMIT_SECONDS = 30;

    /** Runs {@code command} with its output in a file under {@code scratch}; a checker that cannot start or hangs is a failure. */
    static CheckRun of(Path scratch, Map<String, String> env, String... command) throws IOException {
        Path out = scratch.resolve("check.out");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).directory(scratch.toFile());
        pb.environment().putAll(env);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return new CheckRun(-1, List.of("cannot run " + command[0] + ": " + e.getMessage()));
        }
        try {
            if (!p.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                return new CheckRun(-1, List.of(command[0] + " did not finish in " + LIMIT_SECONDS + " s"));
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while checking with " + command[0], e);
        }
        return new CheckRun(p.exitValue(), new String(Files.readAllBytes(out), StandardCharsets.UTF_8).lines().toList());
    }

    /** {@code found}, or when the checker failed without a recognized line, one problem quoting its output. */
    List<StackCheck.Problem> failedWithout(List<StackCheck.Problem> found, String file, String what) {
        if (exitCode == 0 || !found.isEmpty()) {
            return found;
        }
        List<String> text = new ArrayList<>(lines);
        text.removeIf(String::isBlank);
        return List.of(new StackCheck.Problem(file, 0, what + " failed (exit " + exitCode + "): " + String.join(" / ", text)));
    }
}
