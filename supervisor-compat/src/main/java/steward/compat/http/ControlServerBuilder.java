package steward.compat.http;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import steward.compat.api.ProcessControl;
import steward.compat.config.InetHttpServerConfig;
import steward.compat.config.UnixHttpServerConfig;
import steward.compat.rpc.MethodTable;

/** Configures and starts a server. */
public final class ControlServerBuilder {
    final ProcessControl control;
    Optional<UnixHttpServerConfig> unix = Optional.empty();
    Optional<InetHttpServerConfig> inet = Optional.empty();
    final List<MethodTable> methods = new ArrayList<>();
    final java.util.Map<String, Page> pages = new java.util.LinkedHashMap<>();
    Optional<PublicPort> publicPort = Optional.empty();
    Limits limits = Limits.DEFAULT;
    Consumer<String> log = System.err::println;

    ControlServerBuilder(ProcessControl control) {
        this.control = control;
    }

    public ControlServerBuilder unix(Optional<UnixHttpServerConfig> config) {
        this.unix = config;
        return this;
    }

    public ControlServerBuilder inet(Optional<InetHttpServerConfig> config) {
        this.inet = config;
        return this;
    }

    /** An extra table (the agent's {@code steward.*}), callable and listed by system.listMethods. */
    public ControlServerBuilder methods(MethodTable table) {
        methods.add(table);
        return this;
    }

    /** A read-only page at {@code path} ({@code /metrics}), behind the same authentication. */
    public ControlServerBuilder page(String path, Page page) {
        pages.put(path, page);
        return this;
    }

    /** A TCP port on every interface, answered without authentication (see {@link PublicRouter}). */
    record PublicPort(java.nio.channels.ServerSocketChannel channel, PublicEndpoint endpoint,
            java.util.Map<String, Page> pages) {
    }

    /**
     * Also serves {@code channel} (from {@link ControlServer#openPublicPort}; the server closes it)
     * without authentication: its {@code pages} ({@code /metrics}) and, for anything else,
     * {@code endpoint} (health probes). It has the same request deadline as the control socket and
     * a room of connections of its own.
     */
    public ControlServerBuilder publicPort(java.nio.channels.ServerSocketChannel channel, PublicEndpoint endpoint,
            java.util.Map<String, Page> pages) {
        this.publicPort = Optional.of(new PublicPort(channel, endpoint, pages));
        return this;
    }

    /** How long a connection may take to deliver a whole request (default 10 s). */
    public ControlServerBuilder requestTimeout(Duration timeout) {
        limits = limits.withRequestTimeout(timeout);
        return this;
    }

    /** Where to report what the server catches, one line each (default: stderr). */
    public ControlServerBuilder log(Consumer<String> errors) {
        this.log = errors;
        return this;
    }

    /** Any other limit (tests). */
    ControlServerBuilder limits(UnaryOperator<Limits> change) {
        limits = change.apply(limits);
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
