package steward.agent.engine;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import steward.compat.api.ProcessRef;
import steward.compat.api.ProcessState;

class EngineSmokeTest {
    @TempDir
    Path dir;

    @Test
    void runsAProgramAndCapturesItsOutput() throws Exception {
        Programs p = new Programs(dir);
        var prog = Programs.with(p.program("hello", "/bin/sh -c 'echo hello; echo oops >&2; exec sleep 1000'"),
                b -> b.startsecs(0));
        try (EngineFixture f = new EngineFixture(dir, p.conf(prog))) {
            await().atMost(Duration.ofSeconds(5)).until(() ->
                    Files.exists(dir.resolve("hello.out")) && Files.readString(dir.resolve("hello.out")).equals("hello\n"));
            assertEquals("oops\n", Files.readString(dir.resolve("hello.err")));
            var info = f.engine.view().processInfo(new ProcessRef("hello", "hello")).orElseThrow();
            assertEquals(ProcessState.RUNNING, info.state());
            assertTrue(info.pid() > 0);
            assertEquals(List.of(ProcessState.STARTING, ProcessState.RUNNING), f.events.states("hello"));
        }
    }
}
