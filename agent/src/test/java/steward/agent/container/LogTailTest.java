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
