package steward.compat.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import steward.compat.api.ProcessControl;
import steward.compat.config.InetHttpServerConfig;
import steward.compat.config.UnixHttpServerConfig;
import steward.compat.rpc.MethodTable;
import steward.compat.rpc.RpcDispatcher;

/**
 * supervisord's HTTP control server: XML-RPC on {@code /RPC2} and log streams, on a unix socket
 * and/or TCP. One selector thread serves every connection; RPC bodies are decoded and dispatched
 * on one worker thread; replies to waiting calls go out when the engine's future completes.
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
    private final Set<Connection> connections = new HashSet<>();
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final ExecutorService worker;
    private final Limits limits;
    private final Thread thread;
    private UnixSocketBinder.Bound unixSocket;
    private int tcpPort = -1;
    private volatile boolean open = true;

    private ControlServer(Builder b) throws IOException {
        this.limits = b.limits;
        this.selector = Selector.open();
        this.worker = Executors.newSingleThreadExecutor(r -> daemon(r, "steward-rpc"));
        RpcDispatcher rpc = RpcDispatcher.create(b.control, b.methods);
        this.thread = daemon(this::loop, "steward-control");
        try {
            if (b.unix.isPresent()) {
                UnixHttpServerConfig u = b.unix.get();
                unixSocket = UnixSocketBinder.bind(u, 64);
                listen(unixSocket.channel(), new Router(rpc, b.control, auth(u.username(), u.password()), worker, this::post,
                        b.pages));
            }
            if (b.inet.isPresent()) {
                InetHttpServerConfig i = b.inet.get();
                ServerSocketChannel ch = ServerSocketChannel.open();
                ch.bind(i.host().isEmpty() || i.host().equals("*") ? new InetSocketAddress(i.port())
                        : new InetSocketAddress(i.host(), i.port()), 64);
                tcpPort = ((InetSocketAddress) ch.getLocalAddress()).getPort();
                listen(ch, new Router(rpc, b.control, auth(i.username(), i.password()), worker, this::post,
                        b.pages));
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
        thread.start();
    }

    public static Builder builder(ProcessControl control) {
        return new Builder(control);
    }

    /** Configures and starts a server. */
    public static final class Builder {
        private final ProcessControl control;
        private Optional<UnixHttpServerConfig> unix = Optional.empty();
        private Optional<InetHttpServerConfig> inet = Optional.empty();
        private final List<MethodTable> methods = new ArrayList<>();
        private Limits limits = Limits.DEFAULT;
        private final java.util.Map<String, Page> pages = new java.util.LinkedHashMap<>();

        private Builder(ProcessControl control) {
            this.control = control;
        }

        public Builder unix(Optional<UnixHttpServerConfig> config) {
            this.unix = config;
            return this;
        }

        public Builder inet(Optional<InetHttpServerConfig> config) {
            this.inet = config;
            return this;
        }

        /** An extra table (the agent's {@code steward.*}), callable and listed by system.listMethods. */
        public Builder methods(MethodTable table) {
            methods.add(table);
            return this;
        }

        /** A read-only page at {@code path} ({@code /metrics}), behind the same authentication. */
        public Builder page(String path, Page page) {
            pages.put(path, page);
            return this;
        }

        /** How long a begun request may take to arrive whole (default 10 s). */
        public Builder requestTimeout(Duration timeout) {
            limits = new Limits(limits.maxHead(), limits.maxBody(), timeout, limits.idleTimeout(),
                    limits.maxConnections(), limits.maxStreamBacklog());
            return this;
        }

        /** Binds the sockets and starts serving; fails when a live server holds the unix socket. */
        public ControlServer start() throws IOException {
            if (unix.isEmpty() && inet.isEmpty()) {
                throw new IllegalStateException("neither a unix nor an inet server is configured");
            }
            return new ControlServer(this);
        }
    }

    /** The unix socket path, when serving one. */
    public Optional<java.nio.file.Path> unixSocket() {
        return Optional.ofNullable(unixSocket).map(UnixSocketBinder.Bound::path);
    }

    /** The bound TCP port (useful with port 0), or -1. */
    public int tcpPort() {
        return tcpPort;
    }

    private static Optional<BasicAuth> auth(Optional<String> user, Optional<String> password) {
        return user.isPresent() ? Optional.of(new BasicAuth(user.get(), password.orElse(""))) : Optional.empty();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private void listen(ServerSocketChannel ch, Router router) throws IOException {
        listeners.add(ch);
        ch.configureBlocking(false);
        ch.register(selector, SelectionKey.OP_ACCEPT, router);
    }

    void post(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    private void loop() {
        long lastTick = System.nanoTime();
        while (open) {
            try {
                boolean streaming = connections.stream().anyMatch(c -> c.phase() == Connection.Phase.STREAMING);
                selector.select(streaming ? 100 : 1000);
                if (!open) {
                    break;
                }
                for (Runnable t; (t = tasks.poll()) != null; ) {
                    t.run();
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    handle(key);
                }
                selector.selectedKeys().clear();
                long now = System.nanoTime();
                if (now - lastTick >= 90_000_000L) {
                    lastTick = now;
                    for (Connection c : List.copyOf(connections)) {
                        c.checkTimeouts(now);
                        c.pump();
                    }
                }
                connections.removeIf(c -> c.phase() == Connection.Phase.CLOSED);
            } catch (IOException | RuntimeException e) {
                if (!open) {
                    break;
                }
            }
        }
    }

    private void handle(SelectionKey key) throws IOException {
        if (!key.isValid()) {
            return;
        }
        if (key.isAcceptable()) {
            SocketChannel ch = ((ServerSocketChannel) key.channel()).accept();
            if (ch == null) {
                return;
            }
            if (connections.size() >= limits.maxConnections()) {
                ch.close();
                return;
            }
            ch.configureBlocking(false);
            SelectionKey k = ch.register(selector, SelectionKey.OP_READ);
            Connection c = new Connection(ch, k, limits, (Router) key.attachment());
            k.attach(c);
            connections.add(c);
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

    /** Stops serving, closes every connection and removes the unix socket. */
    @Override
    public void close() {
        open = false;
        selector.wakeup();
        if (thread.isAlive() && Thread.currentThread() != thread) {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Connection c : List.copyOf(connections)) {
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
