package steward.agent.metrics;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Held /proc stat files: re-read while the process lives, closed once it is gone, never leaked. */
class ProcStatsTest {
    /** How many of this JVM's open files are {@code /proc/PID/stat}. */
    private static long open(long pid) throws Exception {
        String target = "/proc/" + pid + "/stat";
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().equals(target);
                } catch (java.io.IOException gone) {
                    return false;
                }
            }).count();
        }
    }

    @Test
    void aHeldFileFollowsItsProcessAndIsClosedWhenItStops() throws Exception {
        Process child = new ProcessBuilder("sleep", "60").start();
        ProcStats.Reader reader = new ProcStats.Reader(true);
        try {
            // the child may still be exec'ing sleep (no memory yet): the held file follows it through
            await().atMost(Duration.ofSeconds(10)).until(() -> reader.of(child.pid()).orElseThrow().rssBytes() > 0);
            for (int round = 0; round < 3; round++) {
                ProcStats s = reader.of(child.pid()).orElseThrow();
                assertEquals(1, s.threads(), s.toString());
                assertTrue(s.rssBytes() > 0, s.toString());
                reader.sweep();
            }
            assertEquals(1, reader.held());
            assertEquals(1, open(child.pid()), "one file held, whatever the number of rounds");
            child.destroy();
            assertTrue(child.waitFor(10, TimeUnit.SECONDS));
            assertTrue(reader.of(child.pid()).isEmpty(), "a reaped process has no stats");
            assertEquals(0, reader.held());
            assertEquals(0, open(child.pid()));
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void aProcessNoLongerAskedForIsClosedAtTheSweep() throws Exception {
        Process child = new ProcessBuilder("sleep", "60").start();
        ProcStats.Reader reader = new ProcStats.Reader(true);
        try {
            reader.of(child.pid()).orElseThrow();
            reader.sweep();
            assertEquals(1, reader.held());
            reader.sweep(); // a round in which it was not read: its program stopped or was removed
            assertEquals(0, reader.held());
            assertEquals(0, open(child.pid()));
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void withoutRoomForHeldFilesEachReadOpensAndCloses() throws Exception {
        ProcStats.Reader reader = new ProcStats.Reader(false);
        long self = ProcessHandle.current().pid();
        assertTrue(reader.of(self).orElseThrow().threads() > 1);
        assertEquals(0, reader.held());
        assertEquals(0, open(self));
    }
}
