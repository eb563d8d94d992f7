package steward.agent.engine;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import steward.compat.api.ProcessRef;
import steward.compat.api.ProcessState;
import steward.compat.config.AutoRestart;
import steward.compat.config.ProcessConfig;

/** How a child starts: working directory, umask, user, process group and signal state. */
class SpawnTest {
    @TempDir
    Path dir;

    private String runToExit(ProcessConfig program) throws Exception {
        Programs p = new Programs(dir);
        try (EngineFixture f = new EngineFixture(dir, p.conf(program))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> f.engine.view().processInfo(
                    new ProcessRef(program.name(), program.name())).orElseThrow().state() == ProcessState.EXITED);
            return Files.readString(dir.resolve(program.name() + ".out"));
        }
    }

    private ProcessConfig once(String name, String command) {
        return Programs.with(new Programs(dir).program(name, command),
                b -> b.startsecs(0).autorestart(AutoRestart.FALSE));
    }

    @Test
    void directoryAndUmaskApplyToTheChild() throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        String out = runToExit(Programs.with(once("where", "/bin/sh -c 'pwd; umask'"),
                b -> b.directory(work).umask(027)));
        assertEquals(work + "\n0027\n", out);
    }

    @Test
    void childLeadsItsOwnProcessGroupWithNoBlockedOrIgnoredSignals() throws Exception {
        String out = runToExit(once("status", "/bin/grep -E \"^(Pid|NSpgid|SigBlk|SigIgn):\" /proc/self/status"));
        assertEquals(field(out, "Pid"), field(out, "NSpgid"), out);
        assertEquals("0000000000000000", field(out, "SigBlk"), out);
        assertEquals("0000000000000000", field(out, "SigIgn"), out);
    }

    private static String field(String status, String name) {
        return status.lines().filter(l -> l.startsWith(name + ":")).findFirst().orElseThrow()
                .substring(name.length() + 1).trim();
    }

    @Test
    void userSwitchesUidGidAndGroupsWhenRoot() throws Exception {
        assumeTrue(new com.sun.security.auth.module.UnixSystem().getUid() == 0, "needs root");
        ProcessConfig base = once("who", "/usr/bin/id");
        ProcessConfig asNobody = new ProcessConfig(base.name(), base.programName(), base.command(), base.priority(),
                base.autostart(), base.autorestart(), base.startsecs(), base.startretries(), base.exitcodes(),
                base.stopsignal(), base.stopwaitsecs(), base.stopasgroup(), base.killasgroup(), Optional.of("nobody"),
                base.directory(), base.umask(), base.environment(), base.redirectStderr(), base.stdout(), base.stderr(),
                base.serverurl(), base.source());
        String out = runToExit(asNobody);
        assertEquals("uid=65534(nobody) gid=65534(nogroup) groups=65534(nogroup)\n", out);
    }
}
