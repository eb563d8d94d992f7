package steward.agent.sockets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;
import steward.agent.engine.Engine;
import steward.agent.engine.ForwardingOutput;
import steward.agent.engine.OutputHandler;
import steward.agent.engine.ProcessHooks;
import steward.agent.engine.ProcessStdin;
import steward.agent.logs.DaemonLog;
import steward.agent.os.Fds;
import steward.agent.os.NativeException;
import steward.agent.readiness.NotifyMessage;
import steward.agent.readiness.NotifyPipe;
import steward.agent.readiness.StatusLog;
import steward.compat.api.ProcessRef;
import steward.compat.api.SupervisorState;
import steward.compat.config.HeldSocket;
import steward.compat.config.ProcessConfig;
import steward.compat.events.EngineEvent;
import steward.compat.events.EventSource;
import steward.compat.events.EventSubscriber;
import steward.compat.events.EventType;

/**
 * The listening sockets of {@code [program:x] sockets=}: each URL is opened once, at the first spawn
 * that needs it, and held while any active group names it (a redeploy activates the new group before
 * the old one is removed, so the socket never closes in between; {@code update} re-adds a changed
 * group within {@link #LINGER_MS}; a reload keeps those the new configuration names), then closed,
 * and at daemon exit. Every spawn of a socket program gets the sockets as fds 3, 4, … and a notify pipe
 * after them, with systemd's {@code LISTEN_FDS}/{@code LISTEN_FDNAMES} (the engine sets
 * {@code LISTEN_PID}), {@code STEWARD_SOCKETS}, {@code STEWARD_DRAIN_SECONDS},
 * {@code STEWARD_NOTIFY_FD} and {@code NODE_OPTIONS=--require <node preload>}. A {@code READY=1} on
 * the pipe marks that pid as {@link #serving serving}. A restart of a server that never said it
 * ({@link #holdStop}) gives its successor the next generation of its tcp sockets ({@link Generations}).
 * Loop thread only (hooks and an on-loop subscriber).
 */
public final class HeldSockets implements ProcessHooks, EventSubscriber {
    /**
     * How long a socket no group names stays open: {@code supervisorctl update} removes a changed
     * group and adds it back in separate calls, and connections in between wait in the backlog.
     */
    static final long LINGER_MS = 2000;

    private final DaemonLog log;
    private final Path preloadBase;
    private final Map<String, Held> open = new LinkedHashMap<>();
    /** Per group name, its activations that name sockets, oldest first (a staged copy comes after the active one). */
    private final Map<String, Deque<Activation>> active = new HashMap<>();
    private final Map<ProcessRef, NotifyPipe> unspawned = new HashMap<>();
    private final Map<ProcessRef, StatusLog> statuses = new HashMap<>();
    private final Set<Integer> serving = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Pids that said {@code READY=1} at least once (they drain themselves: no generation, no held stop). */
    private final Set<Integer> announced = new HashSet<>();
    private final List<IntConsumer> servingListeners = new ArrayList<>();
    private Consumer<ProcessRef> onReady = ref -> { };
    private Path preload;
    private boolean preloadFailed;
    private Engine engine;
    private Generations generations;
    /** A reload is stopping everything: the groups activated next are the new configuration's. */
    private boolean reloading;

    private record Held(HeldSocket socket, int fd) {
    }

    /** One activation of a group: the processes seen so far and the URLs they name. */
    private static final class Activation {
        final Set<String> processes = new HashSet<>();
        final Set<String> urls = new HashSet<>();
    }

    /** @param preloadBase where the Node preload's directory is made (java.io.tmpdir) */
    public HeldSockets(DaemonLog log, Path preloadBase) {
        this.log = log;
        this.preloadBase = preloadBase;
    }

    /** Starts hearing {@code engine}'s group removals; call before {@code engine.start()}. */
    public void attach(Engine engine) {
        this.engine = engine;
        this.generations = new Generations(engine.loop(), log);
        engine.subscribe(this, EventSource.Delivery.onLoop("held sockets"), EventType.PROCESS_GROUP_REMOVED,
                EventType.SUPERVISOR_STATE_CHANGE_STOPPING);
        engine.terminated().thenRun(() -> engine.loop().execute(this::closeAll));
    }

    /** Whether {@code pid} said {@code READY=1} on its notify pipe and has neither said {@code STOPPING=1} nor ended since. */
    public boolean serving(int pid) {
        return serving.contains(pid);
    }

    /** Calls {@code listener} with each pid that says {@code READY=1} on its notify pipe. Loop thread. */
    public void onServing(IntConsumer listener) {
        servingListeners.add(listener);
    }

    /** Where a process's {@code READY=1} goes as readiness (the wiring gives Supervision's {@code notified}). */
    public void onReady(Consumer<ProcessRef> consumer) {
        onReady = consumer;
    }

    /** The URLs open now, in the order they were opened (for tests and status). */
    public List<String> openUrls() {
        return new ArrayList<>(open.keySet());
    }

    @Override
    public OutputHandler output(ProcessRef ref, ProcessConfig config, OutputHandler standard) {
        if (reloading) {
            // a reload drops every group without removing it: start over from the new configuration's,
            // keeping the sockets it still names
            reloading = false;
            active.clear();
            statuses.clear();
            engine.loop().schedule(LINGER_MS, this::retain);
        }
        List<HeldSocket> sockets = config.container().sockets();
        if (sockets.isEmpty()) {
            return standard;
        }
        Deque<Activation> d = active.computeIfAbsent(ref.group(), g -> new ArrayDeque<>());
        if (d.isEmpty() || d.peekLast().processes.contains(ref.name())) {
            d.addLast(new Activation());
        }
        d.peekLast().processes.add(ref.name());
        sockets.forEach(s -> d.peekLast().urls.add(s.url()));
        return new ForwardingOutput(standard) {
            private int pid;

            @Override
            public void spawned(int pid, ProcessStdin stdin) {
                super.spawned(pid, stdin);
                this.pid = pid;
                started(ref, pid);
                sockets.forEach(s -> generations.handed(s.url(), pid));
            }

            @Override
            public void exited() {
                super.exited();
                generations.left(pid);
                announced.remove(pid);
            }
        };
    }

    @Override
    public List<Integer> passFds(ProcessRef ref, ProcessConfig config) throws SpawnRefused {
        List<HeldSocket> sockets = config.container().sockets();
        if (sockets.isEmpty()) {
            return List.of();
        }
        List<Integer> fds = new ArrayList<>();
        for (HeldSocket s : sockets) {
            fds.add(fd(s));
        }
        NotifyPipe old = unspawned.remove(ref);
        if (old != null) {
            old.close();
        }
        try {
            NotifyPipe pipe = NotifyPipe.open(engine.loop());
            unspawned.put(ref, pipe);
            fds.add(pipe.writeEnd());
        } catch (NativeException e) {
            throw new SpawnRefused("cannot make the notify pipe: " + e.getMessage());
        }
        return fds;
    }

    private int fd(HeldSocket s) throws SpawnRefused {
        Held h = open.get(s.url());
        if (h == null) {
            try {
                h = new Held(s, ListeningSocket.open(s));
            } catch (ListeningSocket.SocketError e) {
                throw new SpawnRefused("cannot open socket " + s.url() + ": " + e.getMessage());
            }
            log.info("holding socket " + s.url());
            open.put(s.url(), h);
            if (!s.isUnix()) {
                generations.opened(s, h.fd());
            }
        }
        return h.fd();
    }

    private void started(ProcessRef ref, int pid) {
        NotifyPipe pipe = unspawned.remove(ref);
        if (pipe == null) {
            return;
        }
        pipe.closeWriteEnd();
        StatusLog status = statuses.computeIfAbsent(ref, r -> new StatusLog(log, engine.loop().clock(), r.name()));
        pipe.onMessage(m -> message(ref, pid, m, status));
        pipe.onEnd(() -> {
            if (serving.remove(pid)) {
                engine.infoChanged();
            }
        });
    }

    private void message(ProcessRef ref, int pid, NotifyMessage m, StatusLog status) {
        if (m.status().isPresent() && status.update(m.status().get())) {
            engine.infoChanged();
        }
        if (m.ready()) {
            announced.add(pid);
        }
        if (m.ready() && serving.add(pid)) {
            log.info("serving: " + ref.name() + " (pid " + pid + ")");
            servingListeners.forEach(l -> l.accept(pid));
            onReady.accept(ref);
            engine.infoChanged(); // a new view: waits on "serving" (a deploy's overlap) look again
        }
        if (m.stopping() && serving.remove(pid)) {
            log.info("stopped accepting: " + ref.name() + " (pid " + pid + ")");
            engine.infoChanged();
        }
    }

    @Override
    public Map<String, String> environment(ProcessRef ref, ProcessConfig config) {
        List<HeldSocket> sockets = config.container().sockets();
        if (sockets.isEmpty()) {
            return Map.of();
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("LISTEN_FDS", Integer.toString(sockets.size()));
        env.put("LISTEN_FDNAMES", sockets.stream().map(HeldSocket::name).collect(Collectors.joining(":")));
        List<String> fdUrls = new ArrayList<>();
        for (int i = 0; i < sockets.size(); i++) {
            fdUrls.add((3 + i) + "=" + sockets.get(i).url());
        }
        env.put("STEWARD_SOCKETS", String.join(",", fdUrls));
        env.put("STEWARD_DRAIN_SECONDS", Integer.toString(config.container().drainSecs()));
        env.put("STEWARD_NOTIFY_FD", Integer.toString(3 + sockets.size()));
        return env;
    }

    @Override
    public Map<String, String> environmentAppend(ProcessRef ref, ProcessConfig config) {
        if (config.container().sockets().isEmpty() || preloadPath() == null) {
            return Map.of();
        }
        String p = preload.toString();
        return Map.of("NODE_OPTIONS", "--require " + (p.contains(" ") ? "\"" + p + "\"" : p));
    }

    /** The installed Node preload, installed at first use (once per daemon); null when that failed. */
    private Path preloadPath() {
        if (preload == null && !preloadFailed) {
            try {
                preload = NodePreload.install(preloadBase);
            } catch (IOException | RuntimeException e) {
                preloadFailed = true;
                log.error("cannot install the Node preload under " + preloadBase + ": " + e.getMessage());
            }
        }
        return preload;
    }

    /**
     * A process that never said {@code READY=1} leaves to drain: where it alone served its TCP
     * sockets, the successor gets their next generation and its stop signal waits until its open
     * connections ended (see {@link Generations}); one that said it drains itself on its stop signal.
     */
    @Override
    public java.util.concurrent.CompletableFuture<Void> holdStop(ProcessRef ref, ProcessConfig config, int pid) {
        List<HeldSocket> tcp = config.container().sockets().stream().filter(s -> !s.isUnix()).toList();
        if (announced.remove(pid) || serving.contains(pid) || tcp.isEmpty()) {
            generations.left(pid);
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }
        return generations.hold(tcp, pid, config.container().drainSecs(), (url, fd) -> {
            log.info("socket " + url + ": new connections go to its next generation");
            open.put(url, new Held(open.get(url).socket(), fd));
        });
    }

    @Override
    public String statusText(ProcessRef ref) {
        StatusLog s = statuses.get(ref);
        return s == null ? "" : s.current();
    }

    /**
     * A removed group no longer holds its (oldest) activation's sockets; those no group names close
     * {@link #LINGER_MS} later unless a group names them again by then.
     */
    @Override
    public void onEvent(EngineEvent.Published published) {
        if (published.event() instanceof EngineEvent.SupervisorStateChanged s) {
            reloading = s.state() == SupervisorState.RESTARTING;
            return;
        }
        if (published.event() instanceof EngineEvent.GroupChanged g && !g.added()) {
            Deque<Activation> d = active.get(g.group());
            if (d != null) {
                d.pollFirst();
                if (d.isEmpty()) {
                    active.remove(g.group());
                    statuses.keySet().removeIf(r -> r.group().equals(g.group()));
                }
            }
            engine.loop().schedule(LINGER_MS, this::retain);
        }
    }

    private void retain() {
        Set<String> named = new HashSet<>();
        active.values().forEach(d -> d.forEach(a -> named.addAll(a.urls)));
        for (String url : new ArrayList<>(open.keySet())) {
            if (!named.contains(url)) {
                generations.closed(url);
                close(open.remove(url));
            }
        }
    }

    private void close(Held h) {
        log.info("closing socket " + h.socket().url());
        Fds.close(h.fd());
        h.socket().path().ifPresent(p -> p.toFile().delete());
    }

    /** Closes every held socket and pending pipe (daemon exit). Loop thread. */
    void closeAll() {
        generations.closeAll();
        open.values().forEach(this::close);
        open.clear();
        unspawned.values().forEach(NotifyPipe::close);
        unspawned.clear();
        active.clear();
    }
}
