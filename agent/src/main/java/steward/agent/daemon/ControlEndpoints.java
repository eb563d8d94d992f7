package steward.agent.daemon;

import java.io.IOException;
import steward.agent.logs.DaemonLog;
import steward.agent.metrics.Metrics;
import steward.agent.metrics.MetricsPage;
import steward.compat.api.ProcessControl;
import steward.compat.config.SupervisordConf;
import steward.compat.http.ControlServer;

/** The control server of a run: the unix socket and/or TCP port of the configuration, if any. */
final class ControlEndpoints implements AutoCloseable {
    private final ControlServer server;

    private ControlEndpoints(ControlServer server) {
        this.server = server;
    }

    static ControlEndpoints start(SupervisordConf conf, ProcessControl engine, DaemonLog log, Metrics metrics)
            throws IOException {
        if (conf.unixHttpServer().isEmpty() && conf.inetHttpServer().isEmpty()) {
            return new ControlEndpoints(null);
        }
        ControlServer server = ControlServer.builder(engine).unix(conf.unixHttpServer()).inet(conf.inetHttpServer())
                .page("/metrics", new MetricsPage(metrics)).log(log::error).start();
        log.info("RPC interface 'supervisor' initialized");
        conf.unixHttpServer().filter(s -> s.username().isEmpty())
                .ifPresent(s -> log.crit("Server 'unix_http_server' running without any HTTP authentication checking"));
        conf.inetHttpServer().filter(s -> s.username().isEmpty())
                .ifPresent(s -> log.crit("Server 'inet_http_server' running without any HTTP authentication checking"));
        return new ControlEndpoints(server);
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
