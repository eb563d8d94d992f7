package steward.agent.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 24 item 15: {@code supervisorctl tail -20000000} against supervisord 4.2.5 and against
 * {@code steward supervisord} (96 MB heap) on the same 21 MB log prints the same 20 MB. Steward
 * refused reads above a sixteenth of its heap (6 MB): "ERROR (unknown error reading log)".
 */
class LargeTailDifferentialIT {
    private static final long LOG_SIZE = 22_888_896; // seq 1 3000000

    @TempDir
    Path dir;

    record Tail(int exit, long bytes, String sha256, String end) {
    }

    @Test
    void aTwentyMegabyteTailPrintsWhatSupervisorctlPrintsAgainstSupervisord() throws Exception {
        SupervisorctlDifferentialIT.require("/usr/bin/supervisord");
        SupervisorctlDifferentialIT.require(Supervisorctl.SUPERVISORCTL);
        Tail real = tail(List.of("/usr/bin/supervisord", "-n", "-c"), Files.createDirectories(dir.resolve("supervisord")));
        Tail ours = tail(List.of(Steward.BIN.toString(), "supervisord", "-n", "-c"), Files.createDirectories(dir.resolve("steward")));
        assertEquals(0, real.exit());
        assertTrue(real.bytes() >= 20_000_000, real.toString());
        assertEquals(real, ours);
    }

    private static Tail tail(List<String> daemon, Path dir) throws Exception {
        Path sock = dir.resolve("s.sock");
        Path conf = dir.resolve("supervisord.conf");
        Path log = dir.resolve("seq.log");
        Files.writeString(conf, Supervisorctl.confHead(dir) + "[program:seq]\n"
                + "command=/bin/sh -c \"seq 1 3000000; exec sleep 1000\"\nstartsecs=0\nstdout_logfile=" + log
                + "\nstdout_logfile_maxbytes=100MB\n");
        List<String> cmd = new ArrayList<>(daemon);
        cmd.add(conf.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("daemon.out").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().put("STEWARD_NO_BUILD", "1");
        Process d = pb.start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(log) && Files.size(log) == LOG_SIZE
                    && Files.exists(sock));
            Path out = dir.resolve("tail.out");
            Process p = new ProcessBuilder(Supervisorctl.SUPERVISORCTL, "-c", conf.toString(), "tail", "-20000000", "seq")
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("supervisorctl tail did not end");
            }
            byte[] bytes = Files.readAllBytes(out);
            String end = new String(bytes, Math.max(0, bytes.length - 100), Math.min(100, bytes.length),
                    java.nio.charset.StandardCharsets.UTF_8);
            return new Tail(p.exitValue(), bytes.length,
                    HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)), end);
        } finally {
            d.destroy();
            if (!d.waitFor(30, TimeUnit.SECONDS)) {
                d.destroyForcibly();
            }
        }
    }
}
