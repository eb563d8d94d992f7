package steward.compat.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import steward.compat.api.ProcessControl;
import steward.compat.config.InetHttpServerConfig;
import steward.compat.config.UnixHttpServerConfig;
import steward.compat.rpc.RpcDispatcher;

/**
 * supervisord's HTTP control server: XML-RPC on {@code /RPC2} and log streams, on a unix socket
 * and/or TCP, and optionally a public port (the container agent's health probes, see
 * {@link ControlServerBuilder#publicPort}). One selector thread serves every connection; RPC
 * bodies are decoded, dispatched and their replies rendered on one worker thread (a waiting call's
 * reply too, once the engine's future completes). Each listener has its own room of connections,
 * so idle TCP clients cannot lock out the unix socket; whatever the loop catches, even an Error, is logged, costs at most
 * the connection it came from, and the loop goes on. {@link #close()} drains first: no new
 * connections, and every call already handed over (supervisor.shutdown's own) is answered and
 * flushed before the sockets close, as supervisord answers shutdown before it stops listening.
 *
 * <pre>
 * ControlServer server = ControlServer.builder(engine).unix(conf.unixHttpServer()).inet(conf.inetHttpServer())
 *         .methods(stewardTable).start();
 * ...
 * server.close();
 * </pre>
 */
public final class ControlServer implements AutoCloseable {
    private final Selector selector;
    private final List<ServerSocketChannel> listeners = new ArrayList<>();
    /** Open connections and the room (listener) each counts against. */
    private final Map<Connection, Accepting.Room> connections = new HashMap<>();
    private final Accepting accepting;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final ExecutorService worker;
    private final Limits limits;
    private final Budget budget;
    private final ServerLog log;
    private final Thread thread;
    private UnixSocketBinder.Bound unixSocket;
    private int tcpPort = -1;
    private volatile boolean open = true;
    /** Set by close(): accept nothing more, answer what is in flight, then count down. */
    private volatile boolean draining;
    private final CountDownLatch drained = new CountDownLatch(1);
    private static final long DRAIN_MILLIS = 2000;
    /** At most this often, timeouts are checked and log streams pumped. */
    private static final long TICK_NANOS = 90_000_000L;
    /** The earliest connection deadline seen by the last {@link #selectTimeout}. Selector thread only. */
    private long nextDeadline = Long.MAX_VALUE;
    /** What the selector was last asked to wait, in ms (0: until something happens); tests read it. */
    private volatile long lastWaitMillis = -1;

    ControlServer(ControlServerBuilder b) throws IOException {
        this.limits = b.limits;
        this.budget = new Budget(b.limits.maxBuffered());
        this.log = new ServerLog(b.log);
        this.selector = Selector.open();
        this.accepting = new Accepting(selector, limits, budget, log);
        this.worker = Executors.newSingleThreadExecutor(r -> daemon(r, "steward-rpc"));
        RpcDispatcher rpc = RpcDispatcher.create(b.control, b.methods);
        this.thread = daemon(this::run, "steward-control");
        try {
            if (b.unix.isPresent()) {
                UnixHttpServerConfig u = b.unix.get();
                unixSocket = UnixSocketBinder.bind(u, 64);
                listen(unixSocket.channel(), new Router(rpc, b.control, auth(u.username(), u.password()), worker, this::post, log, b.pages));
            }
            if (b.inet.isPresent()) {
                InetHttpServerConfig i = b.inet.get();
                ServerSocketChannel ch = ServerSocketChannel.open();
                listeners.add(ch);
                bind(ch, i);
                tcpPort = ((InetSocketAddress) ch.getLocalAddress()).getPort();
                listen(ch, new Router(rpc, b.control, auth(i.username(), i.password()), worker, this::post, log, b.pages));
            }
            if (b.publicPort.isPresent()) {
                ControlServerBuilder.PublicPort p = b.publicPort.get();
                listen(p.channel(), new PublicRouter(p.endpoint(), p.pages(), worker, this::post, log));
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
        thread.start();
    }

    public static ControlServerBuilder builder(ProcessControl control) {
        return new ControlServerBuilder(control);
    }

    /** The unix socket path, when serving one. */
    public Optional<java.nio.file.Path> unixSocket() {
        return Optional.ofNullable(unixSocket).map(UnixSocketBinder.Bound::path);
    }

    /** The bound TCP port (useful with port 0), or -1. */
    public int tcpPort() {
        return tcpPort;
    }

    /**
     * A TCP port on every interface (0: any free one) for {@link ControlServerBuilder#publicPort};
     * bound here so its number is known before the server starts.
     */
    public static ServerSocketChannel openPublicPort(int port) throws IOException {
        ServerSocketChannel ch = ServerSocketChannel.open();
        try {
            bind(ch, new InetSocketAddress(port), port);
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        return ch;
    }

    /**
     * Fails with {@link PortInUseException} when the configured TCP port is taken: what a launcher
     * checks before backgrounding, so the error reaches the terminal as supervisord's does.
     */
    public static void checkPortFree(InetHttpServerConfig config) throws IOException {
        try (ServerSocketChannel ch = ServerSocketChannel.open()) {
            bind(ch, config);
        }
    }

    private static void bind(ServerSocketChannel ch, InetHttpServerConfig i) throws IOException {
        bind(ch, i.host().isEmpty() || i.host().equals("*") ? new InetSocketAddress(i.port())
                : new InetSocketAddress(i.host(), i.port()), i.port());
    }

    private static void bind(ServerSocketChannel ch, InetSocketAddress address, int port) throws IOException {
        try {
            ch.bind(address, 64);
        } catch (java.net.BindException e) {
            throw new PortInUseException(port, e);
        }
    }

    private static Optional<BasicAuth> auth(Optional<String> user, Optional<String> password) {
        return user.isPresent() ? Optional.of(new BasicAuth(user.get(), password.orElse(""))) : Optional.empty();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private void listen(ServerSocketChannel ch, Handler router) throws IOException {
        if (!listeners.contains(ch)) {
            listeners.add(ch);
        }
        accepting.listen(ch, router);
    }

    void post(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    /** The thread's body: the loop, restarted (and logged) should anything end it while open. */
    private void run() {
        while (open) {
            try {
                loop();
            } catch (Throwable t) {
                if (open) {
                    log.error("selector loop died; restarting it", t);
                }
            }
        }
    }

    private void loop() {
        long lastTick = System.nanoTime();
        while (open) {
            try {
                long wait = selectTimeout(System.nanoTime());
                lastWaitMillis = wait;
                selector.select(wait);
                if (!open) {
                    break;
                }
                for (Runnable t; (t = tasks.poll()) != null; ) {
                    runGuarded(t);
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    handleGuarded(key);
                }
                selector.selectedKeys().clear();
                long now = System.nanoTime();
                if (now - lastTick >= TICK_NANOS || (nextDeadline != Long.MAX_VALUE && now - nextDeadline >= 0)) {
                    lastTick = now;
                    accepting.resume();
                    for (Connection c : List.copyOf(connections.keySet())) {
                        c.checkTimeouts(now);
                        c.pump();
                    }
                }
            } catch (IOException | RuntimeException | Error e) {
                if (!open) {
                    break;
                }
                log.error("selector loop", e);
            } finally {
                if (draining) {
                    drainStep();
                }
                connections.entrySet().removeIf(e -> {
                    if (e.getKey().phase() != Connection.Phase.CLOSED) {
                        return false;
                    }
                    e.getValue().size--;
                    return true;
                });
                if (draining && connections.isEmpty()) {
                    drained.countDown();
                }
            }
        }
    }

    /**
     * How long the selector may sleep, in milliseconds (0: until something happens): 0.1 s while a
     * log stream follows its file or accepting is paused, else until the first connection deadline.
     * An idle server, or one whose only client is a kept-alive scraper, is not woken by a timer.
     */
    private long selectTimeout(long now) {
        nextDeadline = Long.MAX_VALUE;
        for (Connection c : connections.keySet()) {
            if (c.phase() == Connection.Phase.STREAMING) {
                nextDeadline = now + TICK_NANOS;
                break;
            }
            nextDeadline = Math.min(nextDeadline, c.nextDeadline());
        }
        if (accepting.anyPaused()) {
            nextDeadline = Math.min(nextDeadline, now + TICK_NANOS);
        }
        if (nextDeadline == Long.MAX_VALUE) {
            return 0;
        }
        return Math.max(1, (nextDeadline - now + 999_999) / 1_000_000);
    }

    /** While closing: listeners stop accepting; idle connections and log streams close; the rest finish. */
    private void drainStep() {
        for (SelectionKey key : selector.keys()) {
            if (key.isValid() && key.channel() instanceof ServerSocketChannel) {
                key.interestOps(0);
            }
        }
        for (Connection c : List.copyOf(connections.keySet())) {
            if (c.settled()) {
                c.close();
            }
        }
    }

    /** How long the selector's latest wait may last, in ms; 0 until something happens (tests). */
    long lastWaitMillis() {
        return lastWaitMillis;
    }

    /** Whether close() has begun draining (tests order against it). */
    boolean closing() {
        return draining;
    }

    private void runGuarded(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            log.error("reply task", e);
        }
    }

    /** One key's event; what it throws closes its connection (only), and is logged. */
    private void handleGuarded(SelectionKey key) {
        try {
            handle(key);
        } catch (IOException e) {
            closeConnectionOf(key);
        } catch (RuntimeException | Error e) {
            closeConnectionOf(key);
            log.error("connection", e);
        }
    }

    private void closeConnectionOf(SelectionKey key) {
        if (key.attachment() instanceof Connection c) {
            c.close();
        } else {
            accepting.pause(key);
        }
    }

    private void handle(SelectionKey key) throws IOException {
        if (!key.isValid()) {
            return;
        }
        if (key.isAcceptable()) {
            Connection c = accepting.accept(key);
            if (c != null) {
                connections.put(c, Accepting.roomOf(key));
                try {
                    c.onReadable(); // the request is often there already: one wake-up less
                } catch (RuntimeException | Error e) {
                    c.close(); // what its request threw costs this connection, not the listener
                    log.error("connection", e);
                }
            }
            return;
        }
        Connection c = (Connection) key.attachment();
        if (key.isValid() && key.isWritable()) {
            c.flush();
        }
        if (key.isValid() && key.isReadable()) {
            c.onReadable();
        }
    }

    /**
     * Stops accepting, lets every request already handed over be answered and flushed (at most
     * 2 s), then closes every connection and removes the unix socket.
     */
    @Override
    public void close() {
        if (thread.isAlive() && Thread.currentThread() != thread) {
            draining = true;
            selector.wakeup();
            try {
                drained.await(DRAIN_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        open = false;
        selector.wakeup();
        if (thread.isAlive() && Thread.currentThread() != thread) {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Connection c : List.copyOf(connections.keySet())) {
            c.close();
        }
        for (ServerSocketChannel ch : listeners) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        if (unixSocket != null) {
            try {
                unixSocket.channel().close();
            } catch (IOException ignored) {
                // closing anyway
            }
            unixSocket.removeFile();
        }
        worker.shutdownNow();
        try {
            worker.awaitTermination(2, TimeUnit.SECONDS);
            selector.close();
        } catch (IOException | InterruptedException ignored) {
            // best effort
        }
    }
}
