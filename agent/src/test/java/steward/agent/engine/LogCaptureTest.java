package steward.agent.engine;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import steward.compat.api.ProcessRef;
import steward.compat.api.ProcessState;
import steward.compat.config.AutoRestart;
import steward.compat.config.LogConfig;
import steward.compat.config.LogTarget;
import steward.compat.config.ProcessConfig;

/** A child's output reaches its file byte for byte, across rotations, with nothing lost or doubled. */
class LogCaptureTest {
    private static final int MB = 1024 * 1024;

    @TempDir
    Path dir;

    private byte[] writeRandom(Path file, int size) throws Exception {
        byte[] data = new byte[size];
        new Random(42).nextBytes(data);
        Files.write(file, data);
        return data;
    }

    private static byte[] reassemble(Path base, int backups) throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (int i = backups; i >= 1; i--) {
            Path b = base.resolveSibling(base.getFileName() + "." + i);
            if (Files.exists(b)) {
                all.write(Files.readAllBytes(b));
            }
        }
        all.write(Files.readAllBytes(base));
        return all.toByteArray();
    }

    private void runCat(Path input, LogConfig out) throws Exception {
        Programs p = new Programs(dir);
        ProcessConfig cat = Programs.with(p.program("cat", "cat " + input), b -> b.startsecs(0)
                .autorestart(AutoRestart.FALSE).stdout(out));
        try (EngineFixture f = new EngineFixture(dir, p.conf(cat))) {
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    f.engine.view().processInfo(new ProcessRef("cat", "cat")).orElseThrow().state() == ProcessState.EXITED);
        }
    }

    @Test
    void sixtyMegabytesRotateIntoByteExactFiles() throws Exception {
        byte[] data = writeRandom(dir.resolve("input.bin"), 60 * MB + 12345);
        Path log = dir.resolve("cat.log");
        runCat(dir.resolve("input.bin"), new LogConfig(LogTarget.file(log), 5L * MB, 20, 0, false, false));
        assertTrue(Files.exists(log.resolveSibling("cat.log.12")), "rotated twelve times");
        assertEquals(5L * MB, Files.size(log.resolveSibling("cat.log.1")), "each rotated file is exactly maxbytes");
        assertArrayEquals(data, reassemble(log, 20));
    }

    @Test
    void keptFilesAreAContiguousTailWhenBackupsRunOut() throws Exception {
        byte[] data = writeRandom(dir.resolve("input.bin"), 52 * MB + 777);
        Path log = dir.resolve("cat.log");
        runCat(dir.resolve("input.bin"), new LogConfig(LogTarget.file(log), 4L * MB, 3, 0, false, false));
        assertTrue(!Files.exists(log.resolveSibling("cat.log.4")));
        byte[] kept = reassemble(log, 3);
        assertEquals(3L * 4 * MB + (52 * MB + 777) % (4 * MB), kept.length);
        assertArrayEquals(Arrays.copyOfRange(data, data.length - kept.length, data.length), kept);
    }

    @Test
    void redirectStderrPutsBothStreamsInOneFile() throws Exception {
        Programs p = new Programs(dir);
        ProcessConfig both = Programs.with(p.program("both", "/bin/sh -c 'echo out; echo err >&2'"),
                b -> b.startsecs(0).autorestart(AutoRestart.FALSE).redirectStderr(true));
        try (EngineFixture f = new EngineFixture(dir, p.conf(both))) {
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    f.engine.view().processInfo(new ProcessRef("both", "both")).orElseThrow().state() == ProcessState.EXITED);
            assertEquals("out\nerr\n", Files.readString(dir.resolve("both.out")));
            assertEquals("", f.engine.view().processInfo(new ProcessRef("both", "both")).orElseThrow().stderrLogfile());
        }
    }

    @Test
    void childGetsSupervisorsEnvironmentAndNotTheLaunchersJvmSettings() throws Exception {
        Programs p = new Programs(dir);
        ProcessConfig env = Programs.with(p.program("env", "/usr/bin/env"), b -> b.startsecs(0)
                .autorestart(AutoRestart.FALSE).environment(java.util.Map.of("GREETING", "hello world"))
                .directory(dir).umask(077));
        try (EngineFixture f = new EngineFixture(dir, p.conf(env))) {
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    f.engine.view().processInfo(new ProcessRef("env", "env")).orElseThrow().state() == ProcessState.EXITED);
            String out = Files.readString(dir.resolve("env.out"));
            assertTrue(out.contains("SUPERVISOR_ENABLED=1\n"), out);
            assertTrue(out.contains("SUPERVISOR_PROCESS_NAME=env\n"), out);
            assertTrue(out.contains("SUPERVISOR_GROUP_NAME=env\n"), out);
            assertTrue(out.contains("GREETING=hello world\n"), out);
            assertTrue(!out.contains("_JAVA_SR_SIGNUM"), out);
        }
    }
}
