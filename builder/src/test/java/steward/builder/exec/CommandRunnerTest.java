package steward.builder.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandRunnerTest {
    @TempDir
    Path dir;

    @Test
    void streamsEveryLineAndKeepsTheLastTwenty() {
        List<String> seen = new ArrayList<>();
        CommandResult r = new CommandRunner().run(new Command("i=1; while [ $i -le 30 ]; do echo line$i; i=$((i+1)); done; printf tail",
                dir, Map.of(), Duration.ofSeconds(20)), seen::add);
        assertTrue(r.succeeded());
        assertEquals(31, seen.size());
        assertEquals("tail", seen.get(30));
        List<String> expected = new ArrayList<>(IntStream.rangeClosed(12, 30).mapToObj(i -> "line" + i).toList());
        expected.add("tail");
        assertEquals(expected, r.lastLines());
    }

    @Test
    void timeoutKillsTheWholeTree() throws Exception {
        CommandResult r = new CommandRunner().run(new Command("sleep 60 & echo $! > child.pid; sleep 60 & wait", dir, Map.of(),
                Duration.ofMillis(300)), OutputListener.NONE);
        long child = Long.parseLong(java.nio.file.Files.readString(dir.resolve("child.pid")).trim());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> ProcessHandle.of(child).map(ph -> !ph.isAlive()).orElse(true));
        assertTrue(r.timedOut());
        assertFalse(r.succeeded());
        assertTrue(r.elapsed().toSeconds() < 10, r.elapsed().toString());
        assertEquals("killed after exceeding the 300 ms limit", r.describe(Duration.ofMillis(300)));
    }

    @Test
    void exitCodeEnvironmentAndDirectory() {
        CommandResult r = new CommandRunner().run(new Command("echo \"$X $(pwd)\"; exit 4", dir, Map.of("X", "y"), Duration.ofSeconds(20)),
                OutputListener.NONE);
        assertEquals(4, r.exitCode());
        assertEquals(List.of("y " + dir), r.lastLines());
        assertEquals("exited with status 4", r.describe(Duration.ofSeconds(1)));
    }
}
