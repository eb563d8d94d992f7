package steward.agent.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15, defect 6: capture goes on once a removed log directory is back; one report per kind of failure. */
class RotatingLogFileTest {
    @TempDir
    Path dir;

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void removedDirectoryIsReportedOnceAndTheFileIsRecreatedWhenItIsBack() throws Exception {
        Path logs = Files.createDirectory(dir.resolve("logs"));
        Path file = logs.resolve("web.log");
        List<String> problems = new ArrayList<>();
        RotatingLogFile log = new RotatingLogFile(file, 100, 2, problems::add);
        log.write(bytes("a".repeat(60)));
        try (var all = Files.walk(logs)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        for (int i = 0; i < 50; i++) {
            ByteBuffer chunk = bytes("b".repeat(30));
            log.write(chunk);
            assertEquals(0, chunk.remaining(), "a chunk is consumed (dropped), never thrown");
        }
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("cannot rotate log file " + file + ": no such file or directory"), problems.get(0));
        assertTrue(problems.get(1).startsWith("cannot reopen log file " + file), problems.get(1));
        Files.createDirectory(logs);
        log.write(bytes("back\n"));
        assertEquals("back\n", Files.readString(file));
        assertEquals("log file " + file + " is written again", problems.get(2));
        log.write(bytes("c".repeat(200)));
        assertEquals("back\n" + "c".repeat(95), Files.readString(logs.resolve("web.log.2")));
        assertEquals(3, problems.size(), problems.toString());
        log.close();
    }

    @Test
    void reopenOfAMissingDirectoryIsReportedAndRetried() throws Exception {
        Path logs = Files.createDirectory(dir.resolve("logs"));
        Path file = logs.resolve("web.log");
        List<String> problems = new ArrayList<>();
        RotatingLogFile log = new RotatingLogFile(file, 0, 0, problems::add);
        Files.delete(file);
        Files.delete(logs);
        log.reopen();
        log.write(bytes("lost"));
        assertEquals(1, problems.size(), problems.toString());
        Files.createDirectory(logs);
        log.write(bytes("kept"));
        assertEquals("kept", Files.readString(file));
        log.close();
    }
}
