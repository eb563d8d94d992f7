package steward.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import steward.builder.base.BuilderConfig;

/** Issue 24 item 14: an interrupted deploy leaves no {@code HOME/rsync-<id>} nor an empty release directory behind. */
class InterruptedDeployTest {
    @TempDir
    Path tmp;

    private Path tree(String prebuild) throws Exception {
        Path tree = Files.createDirectories(tmp.resolve("tree/www"));
        Files.writeString(tmp.resolve("tree/dotcloud.yml"), "www:\n  type: static\n  approot: www\n"
                + (prebuild == null ? "" : "  prebuild: " + prebuild + "\n"));
        Files.writeString(tree.resolve("index.html"), "hi");
        return tmp.resolve("tree");
    }

    private static List<String> names(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aDeployStoppedBySigtermRemovesItsRelease() throws Exception {
        Path home = tmp.resolve("home");
        Path started = tmp.resolve("hook.pid");
        Path tree = tree("'echo $$ > " + started + "; exec sleep 60'");
        Process deploy = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), InterruptedBuild.class.getName(), home.toString(), tree.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("deploy.out").toFile()).start();
        long hook = 0;
        try {
            Instant deadline = Instant.now().plusSeconds(60);
            while (hook == 0 && deploy.isAlive() && Instant.now().isBefore(deadline)) {
                String pid = Files.exists(started) ? Files.readString(started).strip() : "";
                hook = pid.isEmpty() ? 0 : Long.parseLong(pid);
                Thread.onSpinWait();
            }
            assertTrue(hook > 0, "the prebuild hook ran: " + Files.readString(tmp.resolve("deploy.out")));
            assertEquals(1, names(home).stream().filter(n -> n.startsWith("rsync-")).count(), names(home).toString());
            deploy.destroy();
            assertTrue(deploy.waitFor(30, TimeUnit.SECONDS));
        } finally {
            deploy.destroyForcibly();
            if (hook > 0) {
                ProcessHandle.of(hook).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
        assertEquals(List.of(".steward"), names(home));
        assertEquals(List.of(), names(home.resolve(".steward/releases")));
    }

    @Test
    void theNextDeployRemovesWhatAKilledOneLeft() throws Exception {
        Path home = tmp.resolve("home");
        Files.createDirectories(home.resolve("rsync-1000/www"));
        Files.createDirectories(home.resolve(".steward/releases/rsync-1000"));
        Files.createDirectories(home.resolve(".steward/releases/rsync-1001"));
        RecordingListener events = new RecordingListener();
        BuildResult r = new Builder(BuilderConfig.defaults(home), events).build(BuildRequest.of(tree(null)));
        String id = ((BuildResult.Built) r).release().id();
        assertEquals(List.of(".steward", id), names(home));
        assertEquals(List.of(id), names(home.resolve(".steward/releases")));
        assertTrue(events.progress.contains("Removed build revision rsync-1000 (left by an interrupted deploy)"), events.progress.toString());
    }
}
