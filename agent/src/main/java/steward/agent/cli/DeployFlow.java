package steward.agent.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import steward.agent.container.AgentInfo;
import steward.agent.container.AgentLayout;
import steward.agent.container.ContainerAgent;
import steward.compat.ctl.ServerFault;
import steward.agent.container.RunningAgent;
import steward.agent.deploy.ApprootConf;
import steward.builder.ReleaseView;
import steward.builder.program.LogFiles;
import steward.builder.stack.StackCheck;
import steward.builder.base.BuildListener;
import steward.builder.BuildRequest;
import steward.builder.BuildResult;
import steward.builder.Builder;
import steward.builder.base.BuilderConfig;
import steward.builder.PostinstallResult;
import steward.builder.release.Release;

/**
 * What {@code steward deploy} (and {@code up}) does on the client side: builds the tree into a new
 * release while the old one keeps serving, then either hands it to the running agent for HOME
 * (found through agent.json) or, with no agent, switches and runs postinstall itself. Deploys of
 * one home are serialised with a lock file.
 */
final class DeployFlow {
    private final Path home;
    private final PrintStream out;
    private final PrintStream err;
    private final Optional<Path> logDir;

    DeployFlow(Path home, PrintStream out, PrintStream err) {
        this(home, out, err, Optional.empty());
    }

    /** @param logDir the log directory programs will use (else the agent's, or the default for HOME) */
    DeployFlow(Path home, PrintStream out, PrintStream err, Optional<Path> logDir) {
        this.home = home.toAbsolutePath().normalize();
        this.out = out;
        this.err = err;
        this.logDir = logDir;
    }

    int deploy(BuildRequest request, int readyTimeoutSeconds) throws IOException {
        long t0 = System.nanoTime();
        try (FileLock lock = lock()) {
            Optional<RunningAgent> agent = RunningAgent.find(home);
            Builder builder = builder(agent);
            BuildResult result = builder.build(request);
            if (result instanceof BuildResult.Failed f) {
                err.println(f.headline());
                say(builder.active().map(r -> "Nothing was deployed; build revision " + r.id() + " is still serving")
                        .orElse("Nothing was deployed"));
                return 1;
            }
            Release release = ((BuildResult.Built) result).release();
            int code = agent.isPresent() ? viaAgent(agent.get(), release.id(), readyTimeoutSeconds)
                    : withoutAgent(builder, release);
            if (code == 0) {
                out.println("Total time: " + (System.nanoTime() - t0) / 1_000_000 + " ms");
            }
            return code;
        }
    }

    int rollback(int readyTimeoutSeconds) throws IOException {
        try (FileLock lock = lock()) {
            Optional<RunningAgent> agent = RunningAgent.find(home);
            if (agent.isPresent()) {
                try {
                    return agent.get().rollback(readyTimeoutSeconds, out) ? 0 : 1;
                } catch (ServerFault e) {
                    err.println("steward deploy --rollback: " + e.getMessage());
                    return 1;
                }
            }
            Builder builder = builder(agent);
            Optional<Release> before = builder.active();
            var view = builder.rollback();
            if (view.isEmpty()) {
                err.println("steward deploy --rollback: there is no previous build revision under " + home);
                return 1;
            }
            return postinstall(builder, view.get().release(), before);
        }
    }

    private int viaAgent(RunningAgent agent, String releaseId, int readyTimeoutSeconds) throws IOException {
        try {
            return agent.activate(releaseId, readyTimeoutSeconds, out) ? 0 : 1;
        } catch (ServerFault e) {
            err.println("steward deploy: the agent refused: " + e.getMessage());
            return 1;
        }
    }

    private int withoutAgent(Builder builder, Release release) throws IOException {
        Optional<Release> before = builder.active();
        List<String> refused = refusals(builder, release);
        if (!refused.isEmpty()) {
            refused.forEach(p -> err.println("Error: " + p));
            say(before.map(r -> "Nothing was deployed; build revision " + r.id() + " is still the current one")
                    .orElse("Nothing was deployed"));
            return 1;
        }
        builder.switchTo(release);
        return postinstall(builder, release, before);
    }

    /**
     * What the agent would refuse to run, checked before {@code current} moves (with no agent to
     * refuse it later): the approot supervisord.conf through the agent's parser, and the stack's
     * nginx and php-fpm configurations through {@code nginx -t} and {@code php-fpm -t}; each names
     * the user's file and line.
     */
    private static List<String> refusals(Builder builder, Release release) throws IOException {
        ReleaseView view = builder.view(release);
        Map<String, String> env = new LinkedHashMap<>(builder.processEnvironment(view));
        env.put(LogFiles.LOG_DIR_VARIABLE, builder.config().logDir().toString());
        List<String> out = new ArrayList<>();
        ApprootConf.check(view, env).ifPresent(e -> out.add(e.getMessage()));
        view.stackProblems().forEach(p -> out.add(p.toString()));
        return out;
    }

    private int postinstall(Builder builder, Release release, Optional<Release> before) throws IOException {
        PostinstallResult p = builder.runPostinstall(release);
        if (!p.succeeded()) {
            err.println("Postinstall failed: " + p.reason());
            p.lastLines().forEach(l -> err.println("  " + l));
            if (before.isPresent()) {
                builder.switchTo(before.get());
                say("Switched back: build revision " + before.get().id() + " is still the current one");
            }
            return 1;
        }
        say("Build revision " + release.id() + " is live in " + home.resolve("current")
                + (logDir.isPresent() ? "" : "; no agent runs for this home, so `steward run --home " + home
                        + "` will start it"));
        return 0;
    }

    private Builder builder(Optional<RunningAgent> agent) {
        List<String> notes = new ArrayList<>();
        Path logDir = this.logDir.or(() -> agent.map(a -> a.info().logDir()))
                .or(() -> AgentInfo.read(home).map(AgentInfo::logDir))
                .orElseGet(() -> AgentLayout.defaultLogDir(home, notes));
        BuilderConfig config = BuilderConfig.defaults(home).withLogDir(logDir)
                .withBaseEnvironment(ContainerAgent.cleanEnvironment());
        return new Builder(config, BuildListener.lines(this::say));
    }

    private void say(String line) {
        out.println(line);
        out.flush();
    }

    private FileLock lock() throws IOException {
        Path f = home.resolve(".steward").resolve("deploy.lock");
        Files.createDirectories(f.getParent());
        FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock l = ch.tryLock();
            if (l == null) {
                say("Another deploy of " + home + " is running; waiting for it");
                l = ch.lock();
            }
            return l;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }
}
