package steward.agent.os;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The one child abstraction with real children: output before exit, stdin modes, no fd left behind. */
class ChildProcessTest {
    private static final List<String> ENV = List.of("PATH=/usr/bin:/bin");
    private EventLoop loop;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);

    @BeforeEach
    void start() {
        loop = new EventLoop("child-test");
        loop.start();
    }

    @AfterEach
    void stop() {
        loop.close();
    }

    /** Records what a child said and when it exited, in order. */
    private static final class Record implements ChildProcess.Listener {
        final List<String> events = new ArrayList<>();

        @Override
        public synchronized void output(int fd, ByteBuffer chunk) {
            byte[] b = new byte[chunk.remaining()];
            chunk.get(b);
            events.add(fd + ":" + new String(b, StandardCharsets.UTF_8));
        }

        @Override
        public synchronized void exited(int waitStatus) {
            events.add("exit " + ExitStatus.decode(waitStatus, n -> "SIG" + n).message());
        }

        synchronized List<String> events() {
            return new ArrayList<>(events);
        }
    }

    private static ChildProcess.Spec sh(String script, int stdin) {
        return new ChildProcess.Spec("/bin/sh", List.of("sh", "-c", script), ENV, null, -1, stdin, false);
    }

    private static int openFds() {
        return new File("/proc/self/fd").list().length;
    }

    @Test
    void everythingAChildWroteArrivesBeforeItsExit() throws Exception {
        Record r = new Record();
        loop.callAndWait(() -> ChildProcess.start(loop, buffer,
                sh("echo out; echo err >&2; exit 3", ChildProcess.STDIN_NULL), r));
        await().atMost(Duration.ofSeconds(10)).until(() -> r.events().stream().anyMatch(e -> e.startsWith("exit")));
        List<String> e = r.events();
        assertEquals("exit exit status 3", e.get(e.size() - 1));
        assertTrue(e.containsAll(List.of("1:out\n", "2:err\n")), e.toString());
    }

    @Test
    void stdinIsAPipeTheParentWritesOrNullDevice() throws Exception {
        Record piped = new Record();
        loop.callAndWait(() -> {
            ChildProcess c = ChildProcess.start(loop, buffer, sh("exec cat", ChildProcess.STDIN_PIPE), piped);
            c.stdin().write("ping\n".getBytes(StandardCharsets.UTF_8));
            c.stdin().close();
            return c;
        });
        Record nothing = new Record();
        loop.callAndWait(() -> ChildProcess.start(loop, buffer, sh("exec cat", ChildProcess.STDIN_NULL), nothing));
        await().atMost(Duration.ofSeconds(10)).until(() -> piped.events().size() == 2 && nothing.events().size() == 1);
        assertEquals(List.of("1:ping\n", "exit exit status 0"), piped.events());
        assertEquals(List.of("exit exit status 0"), nothing.events());
    }

    @Test
    void aFailedStartLeavesNoDescriptorOpen() throws Exception {
        int before = loop.callAndWait(ChildProcessTest::openFds);
        for (int i = 0; i < 50; i++) {
            ChildProcess.StartFailed f = assertThrows(ChildProcess.StartFailed.class, () -> loop.callAndWait(() ->
                    ChildProcess.start(loop, buffer, new ChildProcess.Spec("/nonexistent/x", List.of("x"), ENV, null,
                            -1, ChildProcess.STDIN_PIPE, false), new Record())));
            assertTrue(f.spawnFailed());
            assertEquals(Errno.ENOENT, f.errno());
        }
        assertEquals(before, (int) loop.callAndWait(ChildProcessTest::openFds));
    }

    @Test
    void aMissingWorkingDirectoryIsAFailedSpawnToo() {
        ChildProcess.StartFailed f = assertThrows(ChildProcess.StartFailed.class, () -> loop.callAndWait(() ->
                ChildProcess.start(loop, buffer, new ChildProcess.Spec("/bin/true", List.of("true"), ENV,
                        "/nonexistent-dir", -1, ChildProcess.STDIN_NULL, true), new Record())));
        assertTrue(f.spawnFailed());
        assertEquals(Errno.ENOENT, f.errno());
    }

    /**
     * Passed fds arrive as 3, 4, … in order and not close-on-exec, also when a source already sits in
     * that range (a naive dup2 would overwrite it before it is copied); nothing above them is open.
     */
    @Test
    void passedFdsArriveInOrderFromThreeEvenWhenSourcesSitInThatRange() throws Exception {
        List<Integer> fds = new ArrayList<>();
        List<Pipe> pipes = new ArrayList<>();
        try {
            while (fds.isEmpty() || fds.stream().mapToInt(Integer::intValue).min().getAsInt() >= 3 + fds.size()) {
                Pipe p = Pipe.forChildOutput();
                pipes.add(p);
                fds.add(p.read());
                fds.add(p.write());
            }
            java.util.Collections.reverse(fds);
            List<String> argv = new ArrayList<>(List.of("python3", "-c", String.join("\n",
                    "import os, sys",
                    "want = sys.argv[1:]",
                    "got = [os.readlink('/proc/self/fd/%d' % (3 + i)) for i in range(len(want))]",
                    "extra = [f for f in os.listdir('/proc/self/fd') if int(f) >= 3 + len(want)]",
                    "print('same' if got == want else 'got %s want %s' % (got, want))",
                    "print('extra', len(extra) - 1)")));  // listdir's own fd is one
            for (int fd : fds) {
                argv.add(java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/" + fd)).toString());
            }
            Record r = new Record();
            loop.callAndWait(() -> ChildProcess.start(loop, buffer, new ChildProcess.Spec("/usr/bin/python3", argv,
                    ENV, null, -1, ChildProcess.STDIN_NULL, true, fds), r));
            await().atMost(Duration.ofSeconds(20)).until(() -> r.events().stream().anyMatch(e -> e.startsWith("exit")));
            assertEquals("1:same\nextra 0\n", String.join("", r.events().subList(0, r.events().size() - 1)),
                    "passed " + fds);
        } finally {
            pipes.forEach(Pipe::close);
        }
    }
}
