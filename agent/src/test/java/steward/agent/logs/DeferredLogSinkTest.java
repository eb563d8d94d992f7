package steward.agent.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15, defect 3: log files are opened when a process starts, and a bad path names itself and its errno. */
class DeferredLogSinkTest {
    @TempDir
    Path dir;

    @Test
    void opensOnAcquireOnlyAndNamesPathAndErrnoWhenItCannot() throws Exception {
        List<String> problems = new ArrayList<>();
        LogSinks sinks = new LogSinks(dir, "supervisor", problems::add);
        Path file = dir.resolve("web.log");
        LogSink sink = sinks.open(new steward.compat.config.LogConfig(steward.compat.config.LogTarget.file(file),
                0, 0, 0, false, false), "web", "stdout");
        assertFalse(Files.exists(file), "nothing opened before the process starts");
        sink.acquire();
        sink.write(ByteBuffer.wrap("hi\n".getBytes(StandardCharsets.UTF_8)));
        sink.release();
        assertEquals("hi\n", Files.readString(file));

        Path logdir = Files.createDirectory(dir.resolve("logdir"));
        LogSink bad = sinks.open(new steward.compat.config.LogConfig(steward.compat.config.LogTarget.file(logdir),
                0, 0, 0, false, false), "bad", "stdout");
        LogSink.OpenFailed e = assertThrows(LogSink.OpenFailed.class, bad::acquire);
        assertEquals("EISDIR", e.errno());
        assertEquals("cannot open log file " + logdir + ": EISDIR (Is a directory)", e.getMessage());
        LogSink.OpenFailed missing = assertThrows(LogSink.OpenFailed.class, () -> sinks.open(new steward.compat.config.LogConfig(
                steward.compat.config.LogTarget.file(dir.resolve("no/such/x.log")), 0, 0, 0, false, false), "m", "stdout")
                .acquire());
        assertEquals("ENOENT", missing.errno());
        assertTrue(problems.isEmpty(), problems.toString());

        LogSink auto = sinks.open(new steward.compat.config.LogConfig(steward.compat.config.LogTarget.AUTO, 0, 0, 0, false,
                false), "web", "stdout");
        Path autoFile = auto.file().orElseThrow();
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(autoFile)));
        Files.delete(autoFile);
        auto.acquire();
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(autoFile)), "recreated 0600");
        auto.release();
    }
}
