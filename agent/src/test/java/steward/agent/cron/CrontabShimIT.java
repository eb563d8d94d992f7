package steward.agent.cron;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import steward.agent.it.Steward;
import steward.agent.logs.RotatingLogFile;

/**
 * A dotCloud postinstall calling {@code crontab ~/current/jobs/crontab} through the shim
 * ({@code agent/src/main/shims/crontab} first on PATH): the crontab is installed at
 * {@code $STEWARD_CRONTAB}, listed back, picked up by a running CronService, and bad files refused.
 */
class CrontabShimIT {
    @TempDir
    Path dir;

    private int sh(String script, Path installed) throws Exception {
        Path shims = Steward.ROOT.resolve("agent/src/main/shims");
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", script).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("sh.out").toFile());
        pb.environment().put("PATH", shims + ":" + System.getenv("PATH"));
        pb.environment().put("STEWARD_CRONTAB", installed.toString());
        pb.environment().put("STEWARD_NO_BUILD", "1");
        pb.environment().put("HOME", dir.toString());
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return p.exitValue();
    }

    @Test
    void aPostinstallInstallsTheCrontabAndTheServiceRunsIt() throws Exception {
        Path installed = dir.resolve("state/crontab");
        Files.createDirectories(dir.resolve("current/jobs"));
        Files.writeString(dir.resolve("current/jobs/crontab"), "@every 1s echo tick >> " + dir.resolve("ticks.txt") + "\n");
        Files.writeString(dir.resolve("current/jobs/bad"), "0 25 * * * echo bad\n");
        try (CronService cron = CronService.start(CronSettings.local(new RotatingLogFile(dir.resolve("cron.log"), 0, 0)))) {
            cron.replace(installed, Map.of(), dir, 1);
            assertEquals(0, sh("crontab ~/current/jobs/crontab && crontab -l > listed.txt", installed),
                    Files.readString(dir.resolve("sh.out")));
            assertEquals(Files.readString(dir.resolve("current/jobs/crontab")), Files.readString(installed));
            assertEquals(Files.readString(installed), Files.readString(dir.resolve("listed.txt")));
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(dir.resolve("ticks.txt")));

            assertEquals(1, sh("crontab current/jobs/bad", installed));
            assertTrue(Files.readString(dir.resolve("sh.out")).contains("crontab: current/jobs/bad:1: bad hour"),
                    Files.readString(dir.resolve("sh.out")));
            assertEquals(Files.readString(dir.resolve("current/jobs/crontab")), Files.readString(installed), "kept");

            assertEquals(0, sh("echo '@daily true' | crontab -", installed));
            assertEquals("@daily true\n", Files.readString(installed));
            await().atMost(Duration.ofSeconds(10)).until(() -> cron.status().stream().map(CronStatus::schedule).toList()
                    .equals(List.of("@daily")));
            assertEquals(0, sh("crontab -r", installed));
            assertTrue(Files.notExists(installed));
            await().atMost(Duration.ofSeconds(10)).until(() -> cron.status().isEmpty());
        }
    }
}
