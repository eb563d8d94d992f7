package steward.compat.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileFollowerTest {
    @TempDir
    Path dir;

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void headThenAppendsThenTruncationThenRotation() throws Exception {
        Path log = dir.resolve("x.log");
        Files.writeString(log, "a".repeat(1500) + "END\n");
        try (FileFollower f = new FileFollower(log, 1024)) {
            String first = text(f.poll(65536));
            assertEquals(1024, first.length());
            assertEquals("", text(f.poll(65536)));
            Files.writeString(log, "more\n", StandardOpenOption.APPEND);
            assertEquals("more\n", text(f.poll(65536)));
            Files.writeString(log, "");
            assertArrayEquals(FileFollower.TRUNCATED, f.poll(65536));
            Files.writeString(log, "after truncation\n", StandardOpenOption.APPEND);
            assertEquals("after truncation\n", text(f.poll(65536)));
            Files.move(log, dir.resolve("x.log.1"));
            Files.writeString(log, "fresh file\n");
            assertEquals("fresh file\n", text(f.poll(65536)));
        }
    }
}
