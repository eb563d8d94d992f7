package steward.agent.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code steward run} as the PID 1 of its own PID namespace, as in a container: orphaned
 * grandchildren are reaped, its own program's exit status is still its own, and SIGTERM from
 * outside (docker stop) stops everything.
 */
class PidOneIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void asPidOneItReapsOrphansKeepsItsOwnStatusesAndStopsOnTerm() throws Exception {
        requireRootAndUnshare();
        String mark = "2.5" + (System.nanoTime() % 100000);
        Path home = dir.resolve("home");
        Path tree = Files.createDirectories(dir.resolve("tree/app"));
        Files.writeString(dir.resolve("tree/dotcloud.yml"), "work:\n  type: python-worker\n  approot: app\n");
        Files.writeString(tree.resolve("supervisord.conf"), String.join("\n",
                "[program:orphans]",
                "command = /bin/sh -c '(sleep " + mark + " &) && exec sleep 300'",
                "startsecs = 0",
                "",
                "[program:quick]",
                "command = /bin/sh -c 'sleep 0.3; exit 3'",
                "startsecs = 0",
                "autorestart = false",
                ""));
        Steward.Result deploy = Apps.steward(dir, "deploy", "deploy", "--home", home.toString(), dir.resolve("tree").toString());
        assertEquals(0, deploy.exitCode(), deploy.stdout() + deploy.stderr());

        Path logs = home.resolve("log");
        ProcessBuilder pb = new ProcessBuilder("unshare", "--pid", "--fork", "--mount-proc", Steward.BIN.toString(),
                "run", "--home", home.toString(), "--socket", home.resolve("run/s.sock").toString(),
                "--log-dir", logs.toString(), "--quiet")
                .redirectOutput(dir.resolve("unshare.out").toFile()).redirectErrorStream(true);
        pb.environment().put("STEWARD_NO_BUILD", "1");
        Process unshare = pb.start();
        try {
            await().atMost(WAIT).until(() -> unshare.children().findFirst().isPresent());
            long agent = unshare.children().findFirst().orElseThrow().pid();
            assertTrue(Files.readString(Path.of("/proc/" + agent + "/status")).lines()
                    .anyMatch(l -> l.startsWith("NSpid:") && l.trim().endsWith("\t1")), "the agent is PID 1 of its namespace");

            // the orphan as the same read saw it adopted (read again, it may have ended meanwhile)
            long orphan = await().atMost(WAIT).until(() -> Procs.withMarker("sleep " + mark).stream()
                    .filter(p -> Apps.parentOf(p) == agent).findFirst(), java.util.Optional::isPresent).orElseThrow();
            await().atMost(WAIT).until(() -> !Files.exists(Path.of("/proc", Long.toString(orphan))));
            await().atMost(WAIT).until(() -> Files.readString(logs.resolve("supervisord.log"))
                    .contains("exited: quick (exit status 3; not expected)"));
            assertEquals(List.of(), Apps.zombieChildren(agent));

            new ProcessBuilder("kill", "-TERM", Long.toString(agent)).start().waitFor();
            assertTrue(unshare.waitFor(30, TimeUnit.SECONDS), "the agent stopped on SIGTERM");
            assertTrue(Procs.withMarker("sleep 300").stream().noneMatch(p -> Apps.parentOf(p) == agent));
            assertTrue(Files.readString(logs.resolve("supervisord.log")).contains("received SIGTERM indicating exit request"));
        } finally {
            unshare.destroyForcibly();
        }
    }

    /**
     * Issue 24 item 2: 200 orphans that exit together are all reaped at once (the reaper used to
     * take one a second), then a bounded storm (double forks for 8 s, up to 1,600 orphans) leaves
     * no zombie behind and never lets them pile up; a program's own exit status is untouched.
     */
    @Test
    void asPidOneItReapsAStormOfOrphansAsTheyExit() throws Exception {
        requireRootAndUnshare();
        String mark = "1.7" + (System.nanoTime() % 100000);
        Path forked = dir.resolve("burst-forked");
        Path over = dir.resolve("storm-over");
        Path go = dir.resolve("storm-go");
        Path home = dir.resolve("home");
        Path tree = Files.createDirectories(dir.resolve("tree/app"));
        Files.writeString(dir.resolve("tree/dotcloud.yml"), "work:\n  type: python-worker\n  approot: app\n");
        Files.writeString(tree.resolve("supervisord.conf"), String.join("\n",
                "[program:burst]",
                "command = /bin/sh -c 'for i in $(seq 200); do (sleep " + mark + " &); done; touch " + forked + "; exec sleep 300'",
                "startsecs = 0",
                "",
                "[program:quick]",
                "command = /bin/sh -c 'sleep 2; exit 3'",
                "startsecs = 0",
                "autorestart = false",
                "",
                "[program:storm]",
                "command = /bin/sh -c 'while [ ! -e " + go + " ]; do sleep 0.1; done; end=$(($(date +%%s) + 8));"
                        + " while [ $(date +%%s) -lt $end ]; do for j in $(seq 20); do (sleep 0.05 &); done; sleep 0.1; done;"
                        + " touch " + over + "; exec sleep 300'",
                "startsecs = 0",
                ""));
        Steward.Result deploy = Apps.steward(dir, "deploy", "deploy", "--home", home.toString(), dir.resolve("tree").toString());
        assertEquals(0, deploy.exitCode(), deploy.stdout() + deploy.stderr());
        Path logs = home.resolve("log");
        Process unshare = startAsPidOne(home, logs);
        try {
            await().atMost(WAIT).until(() -> unshare.children().findFirst().isPresent());
            long agent = unshare.children().findFirst().orElseThrow().pid();
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(forked));
            await().atMost(WAIT).until(() -> Procs.withMarker("sleep " + mark).isEmpty());
            await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50))
                    .until(() -> Apps.zombieChildren(agent).isEmpty());
            await().atMost(WAIT).until(() -> Files.readString(logs.resolve("supervisord.log"))
                    .contains("exited: quick (exit status 3; not expected)"));

            Files.writeString(go, "");
            java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
                most.accumulateAndGet(Apps.zombieChildren(agent).size(), Math::max);
                return Files.exists(over) || !unshare.isAlive();
            });
            assertTrue(unshare.isAlive(), "the agent runs");
            assertTrue(most.get() < 200, "zombies never pile up during the storm; at most " + most.get());
            await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50))
                    .until(() -> Apps.zombieChildren(agent).isEmpty());
            new ProcessBuilder("kill", "-TERM", Long.toString(agent)).start().waitFor();
            assertTrue(unshare.waitFor(30, TimeUnit.SECONDS), "the agent stopped on SIGTERM");
        } finally {
            unshare.destroyForcibly();
        }
    }

    private static void requireRootAndUnshare() {
        boolean root = new com.sun.security.auth.module.UnixSystem().getUid() == 0;
        if (!root && "true".equals(System.getenv("CI"))) {
            fail("CI runs as root and must run this test");
        }
        assumeTrue(root, "a new PID namespace needs root");
        Apps.requireTool("unshare");
    }

    private static Process startAsPidOne(Path home, Path logs) throws java.io.IOException {
        ProcessBuilder pb = new ProcessBuilder("unshare", "--pid", "--fork", "--mount-proc", Steward.BIN.toString(),
                "run", "--home", home.toString(), "--socket", home.resolve("run/s.sock").toString(),
                "--log-dir", logs.toString(), "--quiet")
                .redirectOutput(home.resolveSibling("unshare.out").toFile()).redirectErrorStream(true);
        pb.environment().put("STEWARD_NO_BUILD", "1");
        return pb.start();
    }
}
