package steward.agent.container;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailTest {
    @TempDir
    Path dir;

    private final List<String> seen = new ArrayList<>();

    private void append(String file, String text) throws Exception {
        Files.writeString(dir.resolve(file), text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void lastLinesOfTheAgentFirstThenPrograms() throws Exception {
        append("node.log", "n1\nn2\nn3\n");
        append("node_error.log", "e1\n");
        append("supervisord.log", "s1\ns2\n");
        append("node.log.1", "rotated backup\n");
        new LogTail(dir, Set.of(), (src, line) -> seen.add(src + "|" + line)).start(2);
        assertEquals(List.of("supervisord|s1", "supervisord|s2", "node|n2", "node|n3", "node_error|e1"), seen);
    }

    /** Issue 23 item 12: the last lines are merged by time, not grouped by source. */
    @Test
    void lastLinesAreMergedByTime() throws Exception {
        append("supervisord.log", "2026-12-05 10:00:00,000 INFO spawned: 'web' with pid 7\n"
                + "2026-12-05 10:00:05,000 INFO exited: web (exit status 1; not expected)\n");
        append("cron.log", "2026-12-05 10:00:03,000 [line 2] started pid 9\nsecond line of that record\n");
        append("web.log", "listening\n");
        append("web_error.log", "boom\n");
        java.time.ZoneId zone = java.time.ZoneId.systemDefault();
        java.util.function.ToLongFunction<String> at = t -> java.time.LocalDateTime.parse("2026-12-05T" + t).atZone(zone)
                .toInstant().toEpochMilli();
        Files.setLastModifiedTime(dir.resolve("web.log"), java.nio.file.attribute.FileTime.fromMillis(at.applyAsLong("10:00:01")));
        Files.setLastModifiedTime(dir.resolve("web_error.log"),
                java.nio.file.attribute.FileTime.fromMillis(at.applyAsLong("10:00:04")));
        new LogTail(dir, Set.of(), (src, line) -> seen.add(src + "|" + line)).start(10);
        assertEquals(List.of("supervisord|2026-12-05 10:00:00,000 INFO spawned: 'web' with pid 7", "web|listening",
                "cron|2026-12-05 10:00:03,000 [line 2] started pid 9", "cron|second line of that record", "web_error|boom",
                "supervisord|2026-12-05 10:00:05,000 INFO exited: web (exit status 1; not expected)"), seen);
    }

    @Test
    void programFilterKeepsItsStdoutAndStderrOnly() throws Exception {
        append("node.log", "n\n");
        append("node_error.log", "e\n");
        append("worker.log", "w\n");
        append("supervisord.log", "s\n");
        new LogTail(dir, Set.of("node"), (src, line) -> seen.add(src + "|" + line)).start(5);
        assertEquals(List.of("node|n", "node_error|e"), seen);
    }

    @Test
    void followsAppendsPartialLinesRotationTruncationAndNewFiles() throws Exception {
        append("node.log", "old\n");
        LogTail tail = new LogTail(dir, Set.of(), (src, line) -> seen.add(src + "|" + line));
        tail.start(0);
        append("node.log", "a\nhal");
        tail.poll();
        assertEquals(List.of("node|a"), seen);
        append("node.log", "f\nlast before rotation\n");
        Files.move(dir.resolve("node.log"), dir.resolve("node.log.1"));
        append("node.log", "after rotation\n");
        tail.poll();
        assertEquals(List.of("node|a", "node|half", "node|last before rotation", "node|after rotation"), seen);
        Files.writeString(dir.resolve("node.log"), "x\n");
        tail.poll();
        append("web.log", "new program\n");
        tail.poll();
        assertEquals(List.of("node|a", "node|half", "node|last before rotation", "node|after rotation", "node|x",
                "web|new program"), seen);
    }
}
