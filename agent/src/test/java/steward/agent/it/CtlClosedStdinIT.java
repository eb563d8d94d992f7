package steward.agent.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 24 item 13: the shell with stdin closed ({@code 0<&-}), side by side with supervisorctl 4.2.5
 * against the same supervisord. The JVM opens its lib/modules as fd 0 when it is free; steward ctl
 * read that file as commands (half a million prompts; a line reading "shutdown" would have run).
 * supervisorctl prints the status the shell starts with, then fails "input(): lost sys.stdin", exit 1.
 */
class CtlClosedStdinIT {
    @TempDir
    Path dir;

    record Run(String out, String err, int exit) {
    }

    @Test
    void aClosedStdinEndsTheShellAfterItsStatusAsSupervisorctlDoes() throws Exception {
        SupervisorctlDifferentialIT.require("/usr/bin/supervisord");
        SupervisorctlDifferentialIT.require(Supervisorctl.SUPERVISORCTL);
        Path sock = dir.resolve("s.sock");
        Path conf = dir.resolve("supervisord.conf");
        Files.writeString(conf, Supervisorctl.confHead(dir) + "[program:web]\ncommand=sleep 1000\nstartsecs=0\n"
                + "autostart=false\n");
        Process daemon = new ProcessBuilder("/usr/bin/supervisord", "-n", "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("daemon.out").toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(sock));
            Run real = closedStdin(List.of(Supervisorctl.SUPERVISORCTL, "-c", conf.toString()));
            Run launcher = closedStdin(List.of(Steward.BIN.toString(), "ctl", "-c", conf.toString()));
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Path target = Steward.ROOT.resolve("agent/target");
            Run direct = closedStdin(List.of(java, "-cp", target.resolve("steward.jar") + ":" + target.resolve("lib") + "/*",
                    "steward.agent.Main", "ctl", "-c", conf.toString()));
            assertEquals("web                              STOPPED   Not started\n", real.out(), real.err());
            assertTrue(real.err().strip().endsWith("RuntimeError: input(): lost sys.stdin"), real.err());
            for (Run ours : List.of(launcher, direct)) {
                assertEquals(real.out(), ours.out(), ours.err());
                assertEquals(real.exit(), ours.exit(), ours.err());
                assertEquals("RuntimeError: input(): lost sys.stdin\n", ours.err());
            }
        } finally {
            daemon.destroy();
            if (!daemon.waitFor(30, TimeUnit.SECONDS)) {
                daemon.destroyForcibly();
            }
        }
    }

    /** Runs {@code command} with fd 0 closed (not /dev/null: nothing open there at all). */
    private static Run closedStdin(List<String> command) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c", "exec \"$@\" 0<&-", "sh"));
        cmd.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("STEWARD_NO_BUILD", "1");
        Process p = pb.start();
        p.getOutputStream().close();
        java.util.concurrent.CompletableFuture<byte[]> err = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return p.getErrorStream().readNBytes(1 << 20);
            } catch (java.io.IOException e) {
                return new byte[0];
            }
        });
        byte[] out = p.getInputStream().readNBytes(1 << 20); // bounded: the bug printed prompts without end
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not end: " + new String(out, 0, Math.min(out.length, 300),
                    StandardCharsets.UTF_8));
        }
        return new Run(new String(out, StandardCharsets.UTF_8), new String(err.get(60, TimeUnit.SECONDS),
                StandardCharsets.UTF_8), p.exitValue());
    }
}
