package steward.agent.container;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import steward.agent.deploy.DeployService;
import steward.agent.deploy.DrainGate;
import steward.agent.deploy.Readiness;
import steward.agent.deploy.Redeployer;
import steward.agent.deploy.ReleaseListener;
import steward.agent.cron.CronMethods;
import steward.agent.daemon.DaemonSignals;
import steward.agent.daemon.Hostname;
import steward.agent.deploy.StewardMethods;
import steward.agent.deploy.TranscriptListener;
import steward.agent.engine.DaemonEnvironment;
import steward.agent.engine.Engine;
import steward.agent.os.Clock;
import steward.agent.supervision.Supervision;
import steward.agent.wiring.EngineWiring;
import steward.agent.logs.DaemonLog;
import steward.agent.logs.LogSink;
import steward.agent.logs.MirroredSink;
import steward.agent.logs.RotatingLogFile;
import steward.agent.logs.StdoutMirror;
import steward.agent.metrics.CronMetrics;
import steward.agent.metrics.DeployMetrics;
import steward.agent.metrics.Metrics;
import steward.agent.metrics.MetricsPage;
import steward.agent.metrics.ProcessCounters;
import steward.agent.os.LibC;
import steward.builder.Builder;
import steward.builder.data.DataTypes;
import steward.builder.base.BuilderConfig;
import steward.builder.ReleaseView;
import steward.compat.config.LogLevel;
import steward.compat.config.SupervisordConf;
import steward.compat.config.UnixHttpServerConfig;
import steward.compat.http.ControlServer;
import steward.compat.http.ControlServerBuilder;
import steward.compat.http.PortInUseException;

/**
 * {@code steward run}: the long-lived agent of one service container. Runs whatever
 * {@code HOME/current} holds, serves supervisor.* and steward.* on the control socket, accepts
 * redeploys, reaps orphans, answers the health endpoint, and records where it listens in
 * {@code HOME/.steward/agent.json}. A missing or broken release is logged and the agent waits for
 * a deploy. Starts its parts in order and takes them down in reverse once the engine has stopped.
 */
public final class ContainerAgent {
    private static final long LOG_MAXBYTES = 50L * 1024 * 1024;
    private static final int LOG_BACKUPS = 10;

    private final RunSettings settings;
    private final ReleaseListener releaseListener;

    /**
     * @param releaseListener hears releases go live and stop: the place where the cron service loads
     *     the release's crontab (see {@link ReleaseListener})
     */
    public ContainerAgent(RunSettings settings, ReleaseListener releaseListener) {
        this.settings = settings;
        this.releaseListener = releaseListener;
    }

    /**
     * Runs until SIGTERM/SIGINT has stopped every program (after the drain delay, see
     * {@link DrainDelay}); returns the exit code.
     */
    public int run() throws Exception {
        AgentLayout layout = AgentLayout.resolve(settings.home(), settings.socket(), settings.logDir());
        Optional<AgentInfo> other = AgentInfo.read(layout.home()).filter(AgentInfo::looksAlive)
                .filter(i -> i.pid() != ProcessHandle.current().pid());
        if (other.isPresent()) {
            System.err.println("steward run: an agent already runs for " + layout.home() + " (pid " + other.get().pid()
                    + ", socket " + other.get().socket() + ")");
            return 1;
        }
        layout.createDirectories();
        StdoutMirror mirror = settings.logStdout().map(StdoutMirror::toStdout).orElse(null);
        LogSink agentLog = new RotatingLogFile(layout.logDir().resolve("supervisord.log"), LOG_MAXBYTES, LOG_BACKUPS);
        DaemonLog log = mirror != null
                ? new DaemonLog(new MirroredSink(agentLog, mirror, "supervisord", "stdout"), null, LogLevel.INFO)
                : new DaemonLog(agentLog, settings.echo() ? System.out : null, LogLevel.INFO);
        layout.notes().forEach(log::warn);
        TranscriptListener builderListener = new TranscriptListener(log::info);
        Builder builder = new Builder(BuilderConfig.defaults(layout.home()).withLogDir(layout.logDir())
                .withBaseEnvironment(cleanEnvironment()), builderListener);
        ReleasePrograms programs = new ReleasePrograms(layout, builder, Hostname.get());
        SupervisordConf conf = initialConf(builder, programs, layout, log);
        DrainGate gate = new DrainGate();
        EngineWiring.Wired wired = EngineWiring.build(conf, programs, log, layout.serverUrl(),
                mirror == null ? List.of() : List.of(new MirrorHooks(mirror)));
        Engine engine = wired.engine();
        Supervision supervision = wired.supervision();
        ProcessCounters counters = wired.counters();
        Readiness readiness = new Readiness(engine,
                () -> programs.selected().map(Readiness::webPortOf).orElse(java.util.OptionalInt.empty()));
        CronMetrics cronMetrics = new CronMetrics();
        DeployMetrics deployMetrics = new DeployMetrics();
        Metrics metrics = new Metrics(engine, counters, Metrics::running, Optional.of(cronMetrics),
                Optional.of(deployMetrics), Clock.SYSTEM);
        if (mirror != null) {
            metrics.withStdoutDrops(mirror::dropped);
        }
        ReleaseCron cron = new ReleaseCron(layout.home(), layout.logDir(), log, cronMetrics,
                mirror == null ? sink -> sink : sink -> new MirroredSink(sink, mirror, "cron", "stdout"));
        ReleaseListener listeners = ReleaseListener.both(cron, releaseListener);
        Redeployer redeployer = new Redeployer(builder, programs, engine, engine.staging(),
                wired.heldSockets()::serving, readiness, gate, listeners);
        DeployService deploys = new DeployService(builder, redeployer, builderListener, log::info);
        deploys.onOutcome(deployMetrics);
        ControlServer server = null;
        OrphanReaper reaper = null;
        ServerSocketChannel healthPort = null;
        AgentInfo info;
        try {
            if (settings.healthPort().isPresent()) {
                healthPort = openHealthPort(settings.healthPort().getAsInt());
            }
            int port = healthPort == null ? 0 : ((InetSocketAddress) healthPort.getLocalAddress()).getPort();
            info = new AgentInfo(layout.home(), layout.socket(), ProcessHandle.current().pid(), layout.logDir(), port);
            LoopHeartbeat heartbeat = new LoopHeartbeat(engine, gate).start();
            ControlServerBuilder control = ControlServer.builder(engine)
                    .unix(Optional.of(new UnixHttpServerConfig(layout.socket(), 0700, socketOwner(layout.home()),
                            Optional.empty(), Optional.empty())))
                    .methods(StewardMethods.table(deploys, readiness, gate, () -> infoStruct(info)))
                    .methods(CronMethods.table(cron::service)).page("/metrics", new MetricsPage(metrics))
                    .log(log::error);
            if (healthPort != null) {
                control.publicPort(healthPort, new HealthEndpoint(settings.healthPath(), gate, readiness, heartbeat),
                        settings.healthMetrics() ? Map.of("/metrics", new MetricsPage(metrics)) : Map.of());
            }
            server = control.start();
            if (healthPort != null) {
                log.info("health endpoint on port " + port + ": readiness at " + settings.healthPath()
                        + " and /CloudHealthCheck, liveness at " + HealthEndpoint.LIVENESS_PATH + ", startup at "
                        + HealthEndpoint.STARTUP_PATH);
            }
            DrainDelay stop = new DrainDelay(engine, gate, settings.drainDelay(), log);
            DaemonSignals.install(engine, log, stop::stopRequested, cron::reopenLogs);
            reaper = OrphanReaper.start(() -> enginePids(engine), log);
            info.write();
        } catch (IOException | RuntimeException e) {
            log.crit("steward run cannot start: " + e.getMessage());
            System.err.println("steward run: " + e.getMessage());
            closeQuietly(healthPort, server, reaper, deploys);
            log.close();
            return 1;
        }
        log.info("steward run started with pid " + info.pid() + "; control socket " + layout.socket() + "; logs in "
                + layout.logDir());
        if (programs.selected().isPresent()) {
            gate.enter(DrainGate.Phase.STARTING);
            deploys.watchStartup(settings.startupTimeout());
        } else {
            log.info("no build revision in " + layout.home().resolve("current") + " yet; waiting for `steward deploy`");
        }
        engine.run(); // the loop runs on this thread until shutdown
        listeners.deactivated();
        info.remove();
        closeQuietly(server, reaper, deploys);
        int code = supervision.exitCode().orElse(0);
        log.info("steward run stopped" + (code != 0 ? " (exit status " + code + ")" : ""));
        log.close();
        if (mirror != null) {
            mirror.close();
        }
        return code;
    }

    /** The active release's configuration, or none (logged) when there is no release or it cannot run. */
    private static SupervisordConf initialConf(Builder builder, ReleasePrograms programs, AgentLayout layout, DaemonLog log)
            throws Exception {
        Optional<ReleaseView> active = Optional.empty();
        try {
            var release = builder.active();
            if (release.isPresent()) {
                active = Optional.of(builder.view(release.get()));
            }
        } catch (IOException | RuntimeException e) {
            log.error("cannot read the release in " + layout.home().resolve("current") + ": " + e.getMessage()
                    + "; waiting for a deploy");
        }
        programs.select(active);
        try {
            SupervisordConf conf = programs.load();
            active.ifPresent(v -> log.info("running build revision " + v.release().id() + " from "
                    + layout.home().resolve("current")));
            active.flatMap(v -> DataTypes.unavailable(v.metadata().type(), v.metadata().service())).ifPresent(log::warn);
            return conf;
        } catch (Exception e) {
            log.error("build revision " + active.map(v -> v.release().id()).orElse("?") + " cannot run: "
                    + e.getMessage() + "; waiting for a deploy");
            programs.select(Optional.empty());
            return programs.load();
        }
    }

    private static Set<Integer> enginePids(Engine engine) {
        Set<Integer> pids = new HashSet<>();
        engine.view().processes().mapToInt(p -> p.info().pid()).filter(pid -> pid > 0).forEach(pids::add);
        return pids;
    }

    private static Map<String, Object> infoStruct(AgentInfo info) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("home", info.home().toString());
        m.put("socket", info.socket().toString());
        m.put("pid", (int) info.pid());
        m.put("logDir", info.logDir().toString());
        m.put("healthPort", info.healthPort());
        return m;
    }

    private static ServerSocketChannel openHealthPort(int port) throws IOException {
        try {
            return ControlServer.openPublicPort(port);
        } catch (PortInUseException e) {
            throw new IOException("the health port " + port + " is in use (--health-port)", e);
        }
    }

    /** The home's owner, when the agent runs as root and the home belongs to someone else (the dotcloud user). */
    private static Optional<String> socketOwner(Path home) {
        try {
            String owner = Files.getOwner(home).getName();
            return LibC.geteuid() == 0 && !owner.equals("root") ? Optional.of(owner) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The agent's environment without the launcher's JVM-only variables: what programs and hooks start from. */
    public static Map<String, String> cleanEnvironment() {
        return DaemonEnvironment.forService();
    }


    private static void closeQuietly(AutoCloseable... parts) {
        for (AutoCloseable p : parts) {
            if (p == null) {
                continue;
            }
            try {
                p.close();
            } catch (Exception ignored) {
                // shutting down anyway
            }
        }
    }

}
