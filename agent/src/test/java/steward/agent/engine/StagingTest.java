package steward.agent.engine;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import steward.agent.logs.DaemonLog;
import steward.agent.logs.RotatingLogFile;
import steward.compat.api.ProcessInfo;
import steward.compat.api.ProcessRef;
import steward.compat.api.ProcessState;
import steward.compat.config.ContainerOptions;
import steward.compat.config.HeldSocket;
import steward.compat.config.ProcessConfig;
import steward.compat.config.SupervisordConf;

/**
 * A redeploy's overlap with real children: the new release's group runs beside the active one of
 * the same name; promoting it keeps the name RUNNING with the new pid and lets the old child drain;
 * discarding a staged group that failed leaves the active one untouched.
 */
class StagingTest {
    @TempDir
    Path dir;

    private ProcessConfig web(Programs p, String marker) {
        HeldSocket s = new HeldSocket("www", "tcp://127.0.0.1:1", "127.0.0.1", 1, Optional.empty());
        return Programs.with(p.program("web", "/bin/sh -c 'echo " + marker + "; trap \"echo bye " + marker
                        + "; exit 0\" TERM; while :; do sleep 0.05; done'"),
                b -> b.startsecs(0).stopwaitsecs(5).container(
                        new ContainerOptions(List.of(), Optional.empty(), 60, false, List.of(), List.of(s), 30)));
    }

    private ProcessInfo active(Engine e) {
        return e.view().processInfo(new ProcessRef("web", "web")).orElseThrow();
    }

    @Test
    void aPromotedGroupKeepsTheNameRunningAndTheOldChildDrains() throws Exception {
        Programs p = new Programs(dir);
        AtomicReference<SupervisordConf> conf = new AtomicReference<>(p.conf(web(p, "one")));
        DaemonLog log = new DaemonLog(new RotatingLogFile(dir.resolve("supervisord.log"), 0, 0), null,
                conf.get().daemon().loglevel());
        Engine e = new Engine(conf.get(), conf::get, log, new Engine.Options(null, false));
        RecordingListener events = new RecordingListener();
        e.subscribe(events, steward.compat.events.EventSource.Delivery.onLoop("test"));
        e.start();
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> active(e).state() == ProcessState.RUNNING);
            int oldPid = active(e).pid();
            conf.set(p.conf(web(p, "two")));
            e.reread();
            e.staging().stage("web").get(5, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(5)).until(() -> e.staging().info().stream()
                    .anyMatch(i -> i.state() == ProcessState.RUNNING && i.group().equals("web~next")));
            int newPid = e.staging().info().get(0).pid();
            assertEquals(oldPid, active(e).pid(), "the active process is untouched while the new one starts");
            e.staging().promote("web").get(5, TimeUnit.SECONDS);
            assertEquals(newPid, active(e).pid());
            assertEquals(ProcessState.RUNNING, active(e).state());
            assertTrue(e.staging().info().isEmpty());
            await().atMost(Duration.ofSeconds(5)).until(() -> Files.readString(dir.resolve("web.out")).contains("bye one"));
            await().atMost(Duration.ofSeconds(5)).until(() -> Files.readString(dir.resolve("supervisord.log"))
                    .contains("drained: 'web' (" + oldPid + ")"));
            assertTrue(ProcessHandle.of(newPid).map(ProcessHandle::isAlive).orElse(false));
            // the adopted child's exit is the active process's own
            e.stop(new ProcessRef("web", "web"), true).get(5, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(5)).until(() -> Files.readString(dir.resolve("web.out")).contains("bye two"));
        } finally {
            e.shutdown();
            e.terminated().get(30, TimeUnit.SECONDS);
            log.close();
        }
    }

    @Test
    void aDiscardedStagedGroupLeavesTheActiveOneServing() throws Exception {
        Programs p = new Programs(dir);
        AtomicReference<SupervisordConf> conf = new AtomicReference<>(p.conf(web(p, "one")));
        DaemonLog log = new DaemonLog(new RotatingLogFile(dir.resolve("supervisord.log"), 0, 0), null,
                conf.get().daemon().loglevel());
        Engine e = new Engine(conf.get(), conf::get, log, new Engine.Options(null, false));
        e.start();
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> active(e).state() == ProcessState.RUNNING);
            int oldPid = active(e).pid();
            ProcessConfig broken = Programs.with(web(p, "x"), b -> b.startsecs(1).startretries(0));
            conf.set(p.conf(new ProcessConfig(broken.name(), broken.programName(), "/bin/false", broken.priority(),
                    true, broken.autorestart(), 1, 0, broken.exitcodes(), broken.stopsignal(), 5, false, false,
                    broken.user(), broken.directory(), broken.umask(), broken.environment(), false, broken.stdout(),
                    broken.stderr(), broken.serverurl(), broken.source(), broken.container())));
            e.reread();
            e.staging().stage("web").get(5, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(10)).until(() -> e.staging().info().stream()
                    .anyMatch(i -> i.state() == ProcessState.FATAL));
            e.staging().discard("web").get(5, TimeUnit.SECONDS);
            assertTrue(e.staging().info().isEmpty());
            assertEquals(oldPid, active(e).pid());
            assertEquals(ProcessState.RUNNING, active(e).state());
        } finally {
            e.shutdown();
            e.terminated().get(30, TimeUnit.SECONDS);
            log.close();
        }
    }
}
