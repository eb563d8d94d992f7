package steward.agent.metrics;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Runs Debian's {@code promtool check metrics} (package prometheus) on a scrape. */
public final class Promtool {
    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    private Promtool() {
    }

    /** Skips locally when promtool is missing; fails under CI=true. */
    public static void require() {
        boolean present = Files.isExecutable(PROMTOOL);
        if (!present && "true".equals(System.getenv("CI"))) {
            fail(PROMTOOL + " is required on CI (apt install prometheus)");
        }
        assumeTrue(present, PROMTOOL + " is not installed");
    }

    /** promtool's findings ("" when it passes); fails the test when it exits non-zero. */
    public static String check(String scrape) throws Exception {
        require();
        Process p = new ProcessBuilder(PROMTOOL.toString(), "check", "metrics").redirectErrorStream(true).start();
        p.getOutputStream().write(scrape.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("promtool did not finish");
        }
        if (p.exitValue() != 0) {
            fail("promtool check metrics failed (" + p.exitValue() + "):\n" + out + "\n--- scrape ---\n" + scrape);
        }
        return out.trim();
    }
}
