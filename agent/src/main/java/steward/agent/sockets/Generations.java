package steward.agent.sockets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.ObjIntConsumer;
import steward.agent.logs.DaemonLog;
import steward.agent.os.EventLoop;
import steward.agent.os.Fds;
import steward.agent.os.Scheduler;
import steward.compat.config.HeldSocket;

/**
 * Generations of the held TCP sockets (opened with SO_REUSEPORT): when the only process serving a
 * socket leaves to drain and it does not drain itself (it never said {@code READY=1}: nginx, puma,
 * gunicorn), a new socket is opened on the same address (it joins the kernel's reuseport group),
 * every new connection is steered to it ({@link ListeningSocket#steer}) and the successor gets it;
 * the daemon closes its copy of the old one, which the old process keeps until it exits, accepting
 * what was queued there. The old process's stop signal is held ({@link #hold}) until it holds no
 * connection on the port any more (read from /proc on a probe thread every {@link #POLL_MS} ms while
 * a hold or an old generation is pending): its idle keep-alive connections are never closed under a client.
 * The group's order is mirrored ({@link ReuseportGroup}) and the filter re-attached whenever an old
 * generation's socket is finally closed. Loop thread only.
 */
final class Generations {
    static final long POLL_MS = 100;

    private final EventLoop loop;
    private final DaemonLog log;
    private final long self = ProcessHandle.current().pid();
    private final Map<String, Url> urls = new HashMap<>();
    private final Map<Integer, Hold> holds = new LinkedHashMap<>();
    /**
     * Old generations whose process was let go (or gave up waiting) and that still listen: it closes
     * them at its stop signal. Until they are gone no other hold is let go, so that the group's order
     * changes once at a time and the filter never points past the group while a dying socket is in it
     * (an index past the group falls back to the hash, which must only find live servers).
     */
    private final Set<Long> closing = new HashSet<>();
    private Scheduler.Cancellable tick;
    private boolean probing;
    private ExecutorService probe;

    /** One held TCP URL: its group, its current generation (the daemon's copy) and who was given it. */
    private static final class Url {
        final HeldSocket socket;
        final ReuseportGroup group = new ReuseportGroup();
        final Set<Integer> users = new HashSet<>();
        /** Older generations still listening in draining processes. */
        final Set<Long> old = new HashSet<>();
        long current;
        int fd;

        Url(HeldSocket socket) {
            this.socket = socket;
        }
    }

    private record Hold(int pid, Set<Integer> ports, Set<Long> listeners, long until, CompletableFuture<Void> done) {
    }

    Generations(EventLoop loop, DaemonLog log) {
        this.loop = loop;
        this.log = log;
    }

    /** The daemon opened {@code s} (tcp) as {@code fd}: its first generation. */
    void opened(HeldSocket s, int fd) {
        Url u = new Url(s);
        u.fd = fd;
        u.current = inode(fd);
        u.group.joined(u.current);
        urls.put(s.url(), u);
    }

    /** The daemon closed {@code url}'s current generation; older ones live on in their processes. */
    void closed(String url) {
        urls.remove(url);
    }

    /** {@code pid} was spawned with the current generation of {@code url}. */
    void handed(String url, int pid) {
        Url u = urls.get(url);
        if (u != null) {
            u.users.add(pid);
        }
    }

    /** {@code pid} no longer serves any current generation (it exited or leaves to drain). */
    void left(int pid) {
        urls.values().forEach(u -> u.users.remove(pid));
    }

    /**
     * {@code pid} leaves to drain: where it was the only process serving its TCP sockets, opens the
     * next generation of each (given to {@code renewed} as url and fd, for the successor), steers new
     * connections to it and returns a future that completes once {@code pid} holds no connection on
     * those ports; completed at once when it shares a socket with a live process or a socket cannot
     * be opened (the old process then gets its stop signal at once, as before).
     */
    CompletableFuture<Void> hold(List<HeldSocket> sockets, int pid, int drainSecs, ObjIntConsumer<String> renewed) {
        List<Url> mine = new ArrayList<>();
        for (HeldSocket s : sockets) {
            Url u = urls.get(s.url());
            if (u != null) {
                u.users.remove(pid);
                u.users.removeIf(p -> !Files.exists(Path.of("/proc", Integer.toString(p))));
                if (!u.users.isEmpty()) {
                    return CompletableFuture.completedFuture(null);
                }
                mine.add(u);
            }
        }
        if (mine.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        TcpTable table = TcpTable.of((int) self);
        Set<Integer> ports = new HashSet<>();
        Set<Long> listeners = new HashSet<>();
        for (Url u : mine) {
            forgetClosed(u, table);
            int fd;
            try {
                fd = ListeningSocket.next(u.socket);
            } catch (ListeningSocket.SocketError e) {
                log.warn("cannot open the next generation of socket " + u.socket.url() + ": " + e.getMessage());
                continue;
            }
            u.group.joined(inode(fd));
            u.old.add(u.current);
            listeners.add(u.current);
            int oldFd = u.fd;
            u.fd = fd;
            u.current = inode(fd);
            steer(u);
            Fds.close(oldFd); // the old process keeps it (should it have closed it, the next probe sees it go)
            renewed.accept(u.socket.url(), fd);
            ports.add(u.socket.port());
        }
        if (ports.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        Hold h = new Hold(pid, ports, listeners, loop.clock().millis() + drainSecs * 1000L, new CompletableFuture<>());
        holds.put(pid, h);
        h.done().whenComplete((v, e) -> {
            holds.remove(pid, h);
            closing.addAll(h.listeners());
        });
        schedule();
        return h.done();
    }

    /** The daemon exits: stops polling. */
    void closeAll() {
        if (tick != null) {
            tick.cancel();
            tick = null;
        }
        List.copyOf(holds.values()).forEach(h -> h.done().cancel(false));
        urls.clear();
        closing.clear();
        if (probe != null) {
            probe.shutdownNow();
            probe = null;
        }
    }

    private void schedule() {
        if (tick == null && !probing) {
            tick = loop.schedule(POLL_MS, this::tick);
        }
    }

    /** Reads /proc on the probe thread (a read of /proc/net/tcp can take milliseconds), then settles on the loop. */
    private void tick() {
        tick = null;
        probing = true;
        List<Hold> pending = List.copyOf(holds.values());
        probe().execute(() -> {
            TcpTable table = TcpTable.of((int) self);
            Map<Integer, Long> counts = new HashMap<>();
            for (Hold h : pending) {
                boolean alive = Files.exists(Path.of("/proc", Integer.toString(h.pid())));
                counts.put(h.pid(), alive ? OpenConnections.of(h.pid(), h.ports(), h.listeners(), table) : -1L);
            }
            loop.execute(() -> settle(table, counts));
        });
    }

    private void settle(TcpTable table, Map<Integer, Long> counts) {
        probing = false;
        if (probe == null) {
            return; // closed meanwhile
        }
        closing.removeIf(inode -> !table.listening(inode));
        for (Url u : urls.values()) {
            if (forgetClosed(u, table)) {
                steer(u);
            }
        }
        long now = loop.clock().millis();
        for (Hold h : List.copyOf(holds.values())) {
            Long n = counts.get(h.pid());
            if (n == null) {
                continue; // held after this probe began
            }
            if (now > h.until() || n < 0) {
                h.done().cancel(false); // the engine signals it after drainsecs anyway; stop watching
            } else if (closing.isEmpty() && n == 0) {
                h.done().complete(null); // its stop signal goes now: one at a time
            }
        }
        if (!holds.isEmpty() || !closing.isEmpty() || urls.values().stream().anyMatch(u -> !u.old.isEmpty())) {
            schedule();
        }
    }

    private ExecutorService probe() {
        if (probe == null) {
            probe = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "held sockets probe");
                t.setDaemon(true);
                return t;
            });
        }
        return probe;
    }

    /** Forgets the old generations of {@code u} no process listens on any more; true when one went. */
    private boolean forgetClosed(Url u, TcpTable table) {
        boolean changed = false;
        for (long inode : List.copyOf(u.old)) {
            if (!table.listening(inode)) {
                u.old.remove(inode);
                closing.remove(inode);
                u.group.closed(inode);
                changed = true;
            }
        }
        return changed;
    }

    private void steer(Url u) {
        try {
            ListeningSocket.steer(u.fd, u.group.index(u.current));
        } catch (ListeningSocket.SocketError e) {
            log.warn("cannot steer new connections of " + u.socket.url() + " to its newest socket: " + e.getMessage());
        }
    }

    private static long inode(int fd) {
        return OpenConnections.inode(Path.of("/proc/self/fd", Integer.toString(fd)));
    }
}
