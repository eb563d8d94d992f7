package steward.agent.daemon;

import steward.agent.logs.DaemonLog;
import steward.compat.api.ProcessControl;
import steward.compat.config.SupervisordConf;

/** The control server(s) of a run: unix socket and/or TCP, from the configuration. */
final class ControlEndpoints implements AutoCloseable {
    private ControlEndpoints() {
    }

    static ControlEndpoints start(SupervisordConf conf, ProcessControl engine, DaemonLog log) {
        return new ControlEndpoints();
    }

    @Override
    public void close() {
    }
}
