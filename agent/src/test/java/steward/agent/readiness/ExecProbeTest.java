package steward.agent.readiness;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import steward.agent.os.EventLoop;

/** Issue 24 item 14: what a {@code ready=exec:} probe leaves running in the background ends with it. */
class ExecProbeTest {
    @TempDir
    Path dir;

    /** Gone, or a zombie waiting for its new parent: it runs no more. */
    private static boolean ended(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException gone) {
            return true;
        }
    }

    /** One probe on a loop of its own: "ready", or why not. */
    private String run(String command) throws Exception {
        EventLoop loop = new EventLoop("exec-probe-test");
        loop.start();
        try {
            CompletableFuture<String> result = new CompletableFuture<>();
            ExecProbe probe = new ExecProbe(command, List.of("PATH=/usr/bin:/bin"), dir.toString());
            loop.execute(() -> probe.start(loop, reason -> result.complete(reason == null ? "ready" : reason)));
            return result.get(10, TimeUnit.SECONDS);
        } finally {
            loop.stop();
            loop.join();
            loop.close();
        }
    }

    @Test
    void theBackgroundChildrenOfAPassingOrFailingProbeAreKilledWithIt() throws Exception {
        for (String exit : List.of("0", "3")) {
            Path pidFile = dir.resolve("bg" + exit + ".pid");
            String outcome = run("sleep 300 & echo $! > " + pidFile.getFileName() + "; exit " + exit);
            assertEquals(exit.equals("0") ? "ready" : "exec:sleep 300 & echo $! > bg3.pid; exit 3: exit status 3", outcome);
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            try {
                await().atMost(Duration.ofSeconds(5)).until(() -> ended(pid));
            } finally {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }
}
