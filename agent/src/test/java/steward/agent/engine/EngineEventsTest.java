package steward.agent.engine;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import steward.agent.os.LibC;
import steward.compat.api.ProcessRef;
import steward.compat.api.ProcessState;
import steward.compat.config.AutoRestart;
import steward.compat.config.LogConfig;
import steward.compat.config.ProcessConfig;
import steward.compat.events.EngineEvent;
import steward.compat.events.EventSource.Delivery;
import steward.compat.events.EventType;
import steward.compat.events.Subscription;

/** The engine's event stream with real children: order, payloads, serials, delivery modes and the hooks. */
class EngineEventsTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    private static List<String> kinds(List<EngineEvent.Published> events) {
        return events.stream().map(p -> p.event().type().name()).collect(Collectors.toList());
    }

    @Test
    void aStartAndStopIsOneOrderedNumberedStreamWithSupervisorsPayloads() throws Exception {
        Programs p = new Programs(dir);
        ProcessConfig sleeper = Programs.with(p.program("sleeper", "sleep 1000"), b -> b.startsecs(0));
        try (EngineFixture f = new EngineFixture(dir, p.conf(sleeper))) {
            ProcessRef ref = new ProcessRef("sleeper", "sleeper");
            await().atMost(WAIT).until(() -> f.engine.view().processInfo(ref).orElseThrow().state() == ProcessState.RUNNING);
            int pid = f.engine.view().processInfo(ref).orElseThrow().pid();
            f.engine.stop(ref, true).get();
            List<EngineEvent.Published> all = f.events.all().stream()
                    .filter(e -> !e.event().type().isA(EventType.TICK)).collect(Collectors.toList());
            assertEquals(List.of("PROCESS_GROUP_ADDED", "SUPERVISOR_STATE_CHANGE_RUNNING", "PROCESS_STATE_STARTING",
                    "PROCESS_STATE_RUNNING", "PROCESS_STATE_STOPPING", "PROCESS_STATE_STOPPED"), kinds(all));
            List<EngineEvent.Published> every = f.events.all();
            for (int i = 0; i < every.size(); i++) {
                assertEquals(i + 1, every.get(i).serial(), "serials count up from 1 without a gap");
            }
            EngineEvent.ProcessStateChanged starting = (EngineEvent.ProcessStateChanged) all.get(2).event();
            assertEquals(ProcessState.STOPPED, starting.from());
            assertEquals(pid, starting.pid(), "STARTING is published once the pid is known");
            assertEquals(0, starting.tries());
            EngineEvent.ProcessStateChanged stopped = (EngineEvent.ProcessStateChanged) all.get(5).event();
            assertEquals(ProcessState.STOPPING, stopped.from());
            assertEquals(pid, stopped.pid(), "STOPPED carries the pid that stopped");
        }
    }

    @Test
    void anUnexpectedExitIsPublishedAsNotExpectedAndBackoffCountsTries() throws Exception {
        Programs p = new Programs(dir);
        ProcessConfig bad = Programs.with(p.program("bad", "/bin/sh -c 'exit 4'"),
                b -> b.startsecs(0).autorestart(AutoRestart.FALSE));
        ProcessConfig quick = Programs.with(p.program("quick", "/bin/sh -c 'exit 3'"), b -> b.startretries(0));
        try (EngineFixture f = new EngineFixture(dir, p.conf(bad, quick))) {
            await().atMost(WAIT).until(() -> f.events.states("bad").contains(ProcessState.EXITED)
                    && f.events.states("quick").contains(ProcessState.FATAL));
            List<EngineEvent.ProcessStateChanged> changes = f.events.all().stream().map(EngineEvent.Published::event)
                    .filter(e -> e instanceof EngineEvent.ProcessStateChanged)
                    .map(e -> (EngineEvent.ProcessStateChanged) e).collect(Collectors.toList());
            EngineEvent.ProcessStateChanged exited = changes.stream()
                    .filter(c -> c.to() == ProcessState.EXITED).findFirst().orElseThrow();
            assertEquals(false, exited.expected());
            assertEquals(ProcessState.RUNNING, exited.from());
            assertTrue(exited.pid() > 0);
            EngineEvent.ProcessStateChanged backoff = changes.stream()
                    .filter(c -> c.to() == ProcessState.BACKOFF).findFirst().orElseThrow();
            assertEquals(1, backoff.tries());
        }
    }

    @Test
    void outputIsPublishedWhenEventsAreEnabledAndAQueuedSubscriberHearsTheSameStream() throws Exception {
        Programs p = new Programs(dir);
        LogConfig out = new LogConfig(p.log("talker.out").target(), 0, 0, 0, true, false);
        ProcessConfig talker = Programs.with(p.program("talker", "/bin/sh -c 'echo hello; exec sleep 1000'"),
                b -> b.startsecs(0).stdout(out));
        List<EngineEvent.Published> queued = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        try (EngineFixture f = new EngineFixture(dir, p.conf(talker))) {
            Subscription s = f.engine.subscribe(e -> {
                synchronized (queued) {
                    queued.add(e);
                    threads.add(Thread.currentThread());
                }
            }, Delivery.queued("test queue", 100), EventType.PROCESS_LOG, EventType.PROCESS_STATE);
            await().atMost(WAIT).until(() -> f.events.all().stream().anyMatch(e -> e.event() instanceof EngineEvent.ProcessLog));
            f.engine.stop(new ProcessRef("talker", "talker"), true).get();
            await().atMost(WAIT).until(() -> {
                synchronized (queued) {
                    return queued.stream().anyMatch(e -> e.event().type() == EventType.PROCESS_STATE_STOPPED);
                }
            });
            EngineEvent.ProcessLog log = (EngineEvent.ProcessLog) f.events.all().stream().map(EngineEvent.Published::event)
                    .filter(e -> e instanceof EngineEvent.ProcessLog).findFirst().orElseThrow();
            assertEquals("hello\n", new String(log.data(), StandardCharsets.UTF_8));
            assertEquals(EngineEvent.Stream.STDOUT, log.stream());
            assertTrue(log.pid() > 0);
            synchronized (queued) {
                assertTrue(threads.stream().allMatch(t -> t.getName().equals("steward-events")));
                List<Long> serials = queued.stream().map(EngineEvent.Published::serial).collect(Collectors.toList());
                List<Long> sorted = new ArrayList<>(serials);
                sorted.sort(null);
                assertEquals(sorted, serials, "queued delivery keeps the order");
            }
            assertEquals(0, s.dropped());
            s.close();
        }
    }

    @Test
    void aSlowQueuedSubscriberLosesEventsNotTheEngine() throws Exception {
        Programs p = new Programs(dir);
        ProcessConfig crash = Programs.with(p.program("crash", "/bin/true"),
                b -> b.startsecs(0).autorestart(AutoRestart.TRUE));
        CountDownLatch release = new CountDownLatch(1);
        try (EngineFixture f = new EngineFixture(dir, p.conf(crash))) {
            Subscription s = f.engine.subscribe(e -> {
                try {
                    release.await();
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }, Delivery.queued("stuck", 2), EventType.PROCESS_STATE);
            await().atMost(WAIT).until(() -> s.dropped() > 0);
            long before = f.events.count("crash", ProcessState.STARTING);
            await().atMost(WAIT).until(() -> f.events.count("crash", ProcessState.STARTING) > before + 1);
            release.countDown();
            await().atMost(WAIT).until(() -> f.logText().contains("event subscriber 'stuck' is behind: its queue of 2 is full"));
            s.close();
        }
    }

    @Test
    void remoteCommunicationIsPublished() throws Exception {
        Programs p = new Programs(dir);
        try (EngineFixture f = new EngineFixture(dir, p.conf())) {
            f.engine.sendRemoteCommEvent("kind", "data");
            await().atMost(WAIT).until(() -> f.events.all().stream()
                    .anyMatch(e -> e.event().equals(new EngineEvent.RemoteCommunication("kind", "data"))));
        }
    }

    @Test
    void hooksSeeAndWriteAProcesssStreamsGiveItAStdinAndGateItsStart() throws Exception {
        Programs p = new Programs(dir);
        ProcessConfig echo = Programs.with(p.program("echo", "cat"), b -> b.startsecs(0));
        Path input = Files.writeString(dir.resolve("input"), "from a file\n");
        ProcessConfig fed = Programs.with(p.program("fed", "cat"), b -> b.startsecs(0).autorestart(AutoRestart.FALSE));
        int inputFd = LibC.open(input.toString(), LibC.O_CLOEXEC, 0);
        StringBuilder seen = new StringBuilder();
        AtomicBoolean open = new AtomicBoolean(false);
        ProcessHooks hooks = new ProcessHooks() {
            @Override
            public OutputHandler output(ProcessRef ref, ProcessConfig config, OutputHandler standard) {
                if (!ref.name().equals("echo")) {
                    return standard;
                }
                return new OutputHandler() {
                    @Override
                    public void output(EngineEvent.Stream stream, java.nio.ByteBuffer chunk) {
                        byte[] b = new byte[chunk.remaining()];
                        chunk.get(b);
                        synchronized (seen) {
                            seen.append(new String(b, StandardCharsets.UTF_8));
                        }
                    }

                    @Override
                    public void spawned(int pid, ProcessStdin stdin) {
                        stdin.write("ping\n".getBytes(StandardCharsets.UTF_8));
                    }
                };
            }

            @Override
            public int stdinFd(ProcessRef ref, ProcessConfig config) {
                return ref.name().equals("fed") ? inputFd : -1;
            }

            @Override
            public boolean mayStart(ProcessRef ref) {
                return !ref.name().equals("fed") || open.get();
            }
        };
        try (EngineFixture f = new EngineFixture(dir, p.conf(echo, fed), hooks)) {
            await().atMost(WAIT).until(() -> {
                synchronized (seen) {
                    return seen.toString().equals("ping\n");
                }
            });
            assertEquals("", Files.readString(dir.resolve("echo.out")), "the handler replaced the log");
            assertEquals(ProcessState.STOPPED, f.engine.view().processInfo(new ProcessRef("fed", "fed")).orElseThrow().state());
            f.engine.retryGated();
            open.set(true);
            f.engine.retryGated();
            await().atMost(WAIT).until(() -> f.events.states("fed").contains(ProcessState.EXITED));
            assertEquals("from a file\n", Files.readString(dir.resolve("fed.out")));
        } finally {
            LibC.close(inputFd);
        }
    }
}
