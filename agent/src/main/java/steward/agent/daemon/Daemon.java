package steward.agent.daemon;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import steward.agent.engine.Engine;
import steward.agent.fcgi.FcgiSockets;
import steward.agent.logs.DaemonLog;
import steward.agent.logs.LogSink;
import steward.agent.logs.RotatingLogFile;
import steward.agent.logs.StreamSink;
import steward.agent.metrics.Metrics;
import steward.agent.metrics.ProcessCounters;
import steward.agent.os.Clock;
import steward.agent.os.LibC;
import steward.agent.supervision.Supervision;
import steward.agent.wiring.EngineWiring;
import steward.compat.config.DaemonConfig;
import steward.compat.config.SupervisordConf;
import steward.compat.http.PortInUseException;

/**
 * Wires one supervisord run: the daemon log, the pidfile, the engine, the control server and the
 * signals; starts them in that order and takes them down in reverse when the engine has stopped.
 */
public final class Daemon {
    private final ConfSource source;
    private final SupervisordConf conf;

    public Daemon(ConfSource source, SupervisordConf conf) {
        this.source = source;
        this.conf = conf;
    }

    /** Runs in the foreground until shutdown; returns the exit code. */
    public int run(boolean daemonized) throws Exception {
        DaemonConfig d = conf.daemon();
        String rootWarning;
        try {
            ProcessLimits.ensureFds(d);
            rootWarning = ProcessLimits.dropPrivileges(d);
        } catch (ProcessLimits.Refused e) {
            System.err.println("Error: " + e.getMessage());
            return 2;
        }
        LibC.umask(d.umask());
        DaemonLog log = openLog(d, daemonized);
        if (rootWarning != null) {
            log.crit(rootWarning);
        }
        for (String w : conf.warnings()) {
            log.warn(w);
        }
        PidFile pidFile = new PidFile(d.pidfile());
        try {
            FcgiSockets.check(conf.groups());
        } catch (IllegalStateException e) {
            log.crit(e.getMessage());
            System.err.println("Error: " + e.getMessage());
            log.close();
            return 2;
        }
        EngineWiring.Wired wired = EngineWiring.build(conf, source, log, serverUrl(), List.of());
        Engine engine = wired.engine();
        Supervision supervision = wired.supervision();
        ProcessCounters counters = wired.counters();
        Metrics metrics = new Metrics(engine, counters, Metrics::running, Optional.empty(), Optional.empty(),
                Clock.SYSTEM);
        ControlEndpoints endpoints;
        try {
            endpoints = ControlEndpoints.start(conf, engine, log, metrics);
        } catch (PortInUseException e) {
            log.crit(e.getMessage());
            log.close();
            return portInUse(e);
        }
        DaemonSignals.install(engine, log);
        pidFile.write(ProcessHandle.current().pid());
        log.info("supervisord started with pid " + ProcessHandle.current().pid());
        engine.run(); // the loop runs on this thread until shutdown
        endpoints.close();
        pidFile.remove();
        log.close();
        return supervision.exitCode().orElse(0);
    }

    /** supervisord's words for a taken [inet_http_server] port, and its exit code. */
    static int portInUse(PortInUseException e) {
        System.err.println("Error: " + e.getMessage());
        System.err.println("For help, use steward supervisord -h");
        return 2;
    }

    private String serverUrl() {
        if (conf.unixHttpServer().isPresent()) {
            return "unix://" + conf.unixHttpServer().get().file();
        }
        return conf.inetHttpServer().map(s -> "http://" + (s.host().isEmpty() ? "localhost" : s.host()) + ":" + s.port())
                .orElse(null);
    }

    private static DaemonLog openLog(DaemonConfig d, boolean daemonized) throws IOException {
        LogSink sink = LogSink.DISCARD;
        Optional<Path> file = d.logfile();
        boolean toStdout = false;
        if (file.isPresent()) {
            Path p = file.get();
            if (StreamSink.isStream(p)) {
                sink = StreamSink.open(p);
                toStdout = p.toString().equals("/dev/stdout");
            } else {
                sink = new RotatingLogFile(p, d.logfileMaxbytes(), d.logfileBackups());
            }
        }
        PrintStream echo = d.nodaemon() && !d.silent() && !daemonized && !toStdout ? System.out : null;
        return new DaemonLog(sink, echo, d.loglevel());
    }
}
