package steward.agent.up;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import steward.agent.envfile.DotenvFile;
import steward.builder.manifest.BuildManifest;
import steward.builder.manifest.ManifestException;
import steward.builder.manifest.ManifestParser;

/**
 * {@code steward up} of a whole app: plans one agent per service instance, checks the web ports
 * before building anything, builds what changed, starts the data services' agents and waits for
 * them, then the code services' agents, streams every log, and on Ctrl-C stops the code services
 * first, then the data services. Run while one is running, it redeploys what changed to it.
 */
public final class UpApp {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final UpOptions o;
    private final UnitBuild.Deployer deployer;
    private final PortHolder ports;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final AtomicReference<String> ended = new AtomicReference<>();

    public UpApp(UpOptions options, UnitBuild.Deployer deployer, PortHolder ports) {
        this.o = options;
        this.deployer = deployer;
        this.ports = ports;
    }

    /** Ctrl-C, SIGTERM: stop everything (a second one is the agents' own business). */
    public void requestStop() {
        stop.countDown();
    }

    public int run(Runnable installSignals) throws IOException, InterruptedException {
        PrintStream out = o.out();
        PrintStream err = o.err();
        BuildManifest manifest;
        Map<String, String> dotenv;
        AppPlan plan;
        Optional<AppState> running = AppState.read(o.state()).filter(AppState::alive);
        Path tree;
        try {
            tree = ProcfileApp.tree(o.app(), o.state());
            manifest = new ManifestParser().parseTree(tree);
            dotenv = dotenv(o.app());
            plan = AppPlan.of(manifest, o.state(), o.service(), o.basePort(),
                    p -> running.isPresent() || ports.find(p).isEmpty());
        } catch (ManifestException | DotenvFile.Unreadable | ProcfileApp.BadLine e) {
            err.println("steward up: " + e.getMessage());
            return 2;
        }
        if (running.isPresent()) {
            out.println("steward up is already running " + o.app() + " (pid " + running.get().pid() + "); redeploying to it");
            return redeploy(tree, plan, running.get(), dotenv);
        }
        for (Unit u : plan.units()) {
            Optional<PortHolder.Holder> h = u.port() > 0 ? ports.find(u.port()) : Optional.empty();
            if (h.isPresent()) {
                err.println("steward up: port " + u.port() + " (for " + u.label() + ") is in use by " + h.get().describe());
                err.println("steward up: stop that process, or choose another port: steward up --port N (or PORT_WWW=N)");
                return 1;
            }
        }
        plan = runnable(plan);
        Map<String, Map<String, String>> keys = dataKeys(plan, p -> ports.find(p).isEmpty());
        List<Unit> built = new ArrayList<>();
        for (Unit u : plan.units()) {
            if (UnitBuild.run(u, tree, wiring(u, plan, keys, dotenv), deployer, out, err) != UnitBuild.Outcome.FAILED) {
                built.add(u);
            }
        }
        if (built.isEmpty()) {
            err.println("steward up: no service of " + o.app() + " could be built; nothing runs");
            return 1;
        }
        installSignals.run();
        return serve(plan, built);
    }

    private int serve(AppPlan plan, List<Unit> built) throws IOException, InterruptedException {
        long self = ProcessHandle.current().pid();
        AppState.of(self, o.app(), built).write(o.state());
        AppLogs logs = new AppLogs(o.out(), o.colour(), !plan.single());
        List<ChildAgent> agents = new ArrayList<>();
        try {
            logs.startFollowing();
            StartWatch watch = new StartWatch(ports, Clock.systemUTC());
            for (List<Unit> tier : List.of(data(built), code(built))) {
                List<ChildAgent> started = new ArrayList<>();
                for (Unit u : tier) {
                    logs.add(u);
                    ChildAgent a = ChildAgent.start(u, o.env());
                    a.onExit().thenRun(() -> {
                        ended.compareAndSet(null, u.label());
                        stop.countDown();
                    });
                    started.add(a);
                    agents.add(a);
                }
                Optional<StartWatch.Failure> f = watch.await(started, READY_TIMEOUT, () -> stop.getCount() == 0);
                if (f.isPresent()) {
                    report(f.get());
                    return 1;
                }
                if (stop.getCount() == 0) {
                    return ended.get() == null ? 0 : endedEarly();
                }
            }
            banner(built);
            stop.await();
            return ended.get() == null ? 0 : endedEarly();
        } finally {
            shutdown(agents, logs);
            AppState.remove(o.state(), self);
        }
    }

    private int endedEarly() {
        o.err().println("steward up: the agent of " + ended.get() + " ended; stopping the app");
        return 1;
    }

    private void report(StartWatch.Failure f) {
        PrintStream err = o.err();
        f.lastLines().forEach(l -> err.println("  " + f.unit().label() + " | " + l));
        err.println("steward up: " + f.unit().label() + " did not start: " + f.cause());
        err.flush();
    }

    private void banner(List<Unit> built) {
        PrintStream out = o.out();
        long ms = Duration.between(o.started(), Clock.systemUTC().instant()).toMillis();
        out.println("==> Ready in " + ms + " ms (since steward up started)");
        int w = built.stream().mapToInt(u -> u.label().length()).max().orElse(4);
        for (Unit u : built) {
            out.println("==>   " + String.format("%-" + w + "s", u.label()) + "  "
                    + (u.port() > 0 ? "http://localhost:" + u.port() : u.data() ? "(data)" : "(worker)")
                    + "  home " + u.home());
        }
        Unit first = built.stream().filter(u -> !u.data()).findFirst().orElse(built.get(0));
        out.println("==> supervisorctl -s unix://" + ChildAgent.socket(first.home()) + " status");
        out.println("==> Ctrl-C stops everything; run `steward up` again to redeploy");
        out.flush();
    }

    /** Code services first (all at once), then the data services; then the last log lines. */
    private void shutdown(List<ChildAgent> agents, AppLogs logs) throws InterruptedException {
        for (boolean dataTier : new boolean[] {false, true}) {
            List<ChildAgent> tier = agents.stream().filter(a -> a.unit().data() == dataTier).toList();
            for (ChildAgent a : tier) {
                if (a.alive()) {
                    ProcessHandle.of(a.pid()).ifPresent(ProcessHandle::destroy);
                }
            }
            for (ChildAgent a : tier) {
                a.stop(60);
            }
        }
        logs.stop();
    }

    private int redeploy(Path tree, AppPlan plan, AppState running, Map<String, String> dotenv) throws IOException {
        List<Unit> units = new ArrayList<>();
        for (Unit u : plan.units()) {
            Optional<AppState.Entry> e = running.unit(u.label());
            if (e.isEmpty()) {
                o.out().println("==> " + u.label() + ": not running in that up; stop it and run `steward up` again to add it");
            } else {
                units.add(u.withPort(e.get().port()));
            }
        }
        Map<String, Map<String, String>> keys = dataKeys(new AppPlan(plan.state(), units), p -> true);
        int code = 0;
        for (Unit u : units) {
            if (UnitBuild.run(u, tree, wiring(u, new AppPlan(plan.state(), units), keys, dotenv), deployer, o.out(),
                    o.err()) == UnitBuild.Outcome.FAILED) {
                code = 1;
            }
        }
        return code;
    }

    /** The plan without the data services Steward cannot run here (each said in one line). */
    private AppPlan runnable(AppPlan plan) {
        List<Unit> units = new ArrayList<>();
        for (Unit u : plan.units()) {
            Optional<String> no = u.data() ? DataWiring.unavailable(u) : Optional.empty();
            no.ifPresent(line -> o.err().println("steward up: " + line));
            if (no.isEmpty()) {
                units.add(u);
            }
        }
        return new AppPlan(plan.state(), units);
    }

    private static Map<String, Map<String, String>> dataKeys(AppPlan plan, java.util.function.IntPredicate free)
            throws IOException {
        Map<String, Map<String, String>> keys = new LinkedHashMap<>();
        for (Unit u : plan.data()) {
            keys.put(u.label(), DataWiring.keys(u, free));
        }
        return keys;
    }

    private static Map<String, String> wiring(Unit u, AppPlan plan, Map<String, Map<String, String>> keys,
            Map<String, String> dotenv) {
        Map<String, String> w = new LinkedHashMap<>(dotenv);
        w.putAll(Wiring.of(u, plan.units(), keys));
        return w;
    }

    private static Map<String, String> dotenv(Path app) throws DotenvFile.Unreadable {
        Path f = app.resolve(".env");
        return Files.isRegularFile(f) ? DotenvFile.read(List.of(f)) : Map.of();
    }

    private static List<Unit> data(List<Unit> units) {
        return units.stream().filter(Unit::data).toList();
    }

    private static List<Unit> code(List<Unit> units) {
        return units.stream().filter(u -> !u.data()).toList();
    }
}
