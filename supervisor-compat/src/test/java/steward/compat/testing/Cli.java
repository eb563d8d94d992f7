package steward.compat.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs an external program (the real supervisorctl, python3) and captures what it printed. */
public final class Cli {
    /** What a finished program printed and returned. */
    public record Result(String out, String err, int exit) {
    }

    private Cli() {
    }

    /** Skips the test when the program is missing, except on CI where it must be installed. */
    public static void require(String program) {
        boolean present = Files.isExecutable(Path.of(program));
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError(program + " is required on CI");
        }
        Assumptions.assumeTrue(present, program + " not installed");
    }

    public static Result run(List<String> command) throws IOException, InterruptedException {
        return run(command, null);
    }

    public static Result run(List<String> command, String stdin) throws IOException, InterruptedException {
        Path out = Files.createTempFile("cli", ".out");
        Path err = Files.createTempFile("cli", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command))
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().put("LC_ALL", "C.UTF-8");
            Process p = pb.start();
            if (stdin != null) {
                p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            p.getOutputStream().close();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + command);
            }
            return new Result(Files.readString(out), Files.readString(err), p.exitValue());
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
