package steward.builder;

import steward.builder.base.BuildListener;
import steward.builder.base.BuilderConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import steward.builder.data.DataKeys;
import steward.builder.env.AppEnvironment;
import steward.builder.env.EnvironmentFiles;
import steward.builder.env.RuntimeEnvironment;
import steward.builder.env.ServiceEnvironment;
import steward.builder.exec.CommandResult;
import steward.builder.exec.CommandRunner;
import steward.builder.manifest.BuildManifest;
import steward.builder.manifest.ManifestException;
import steward.builder.manifest.ManifestParser;
import steward.builder.manifest.ServiceSpec;
import steward.builder.program.ProgramSummary;
import steward.builder.program.ServicePrograms;
import steward.builder.release.CurrentLink;
import steward.builder.release.Release;
import steward.builder.release.ReleaseStore;
import steward.builder.step.BuildContext;
import steward.builder.step.BuildFailure;
import steward.builder.step.BuildStep;
import steward.builder.step.RunHook;
import steward.builder.stack.NginxConf;
import steward.builder.stack.StackCheck;
import steward.builder.release.AtomicFiles;
import steward.builder.step.WritePrograms;
import steward.builder.types.TypeEntry;
import steward.builder.types.Types;

/**
 * The builder's front door: a pushed tree becomes a release under the home ({@link #build}), goes
 * live ({@link #switchTo}), can be rolled back ({@link #rollback}), and gets its postinstall run
 * ({@link #runPostinstall}); {@link #check} validates a tree without building. One builder per
 * home; calls are not meant to overlap (the agent serializes deploys).
 */
public final class Builder {
    private final BuilderConfig config;
    private final BuildListener listener;
    private final ReleaseStore store;
    private final CommandRunner runner = new CommandRunner();
    private final ManifestParser parser = new ManifestParser();

    public Builder(BuilderConfig config, BuildListener listener) {
        this.config = config;
        this.listener = listener;
        this.store = new ReleaseStore(config.home());
    }

    public BuilderConfig config() {
        return config;
    }

    /** Builds the tree into a new release; never touches {@code code}, {@code current} or HOME's env files. */
    public BuildResult build(BuildRequest request) {
        BuildManifest manifest;
        ServiceSpec service;
        try {
            manifest = parser.parseTree(request.tree());
            service = manifest.select(request.service());
        } catch (ManifestException e) {
            return new BuildResult.Failed("manifest", e.getMessage(), List.of());
        }
        Release release;
        Optional<Release> previous;
        try {
            store.sweepIncomplete().forEach(id -> listener.progress("Removed build revision " + id + " (left by an interrupted deploy)"));
            previous = request.clean() ? Optional.empty() : store.active().or(this::newestQuietly);
            release = store.create();
        } catch (IOException e) {
            return new BuildResult.Failed("release", "cannot create a release under " + config.home() + ": " + e, List.of());
        }
        Thread discardAtExit = new Thread(() -> discard(release), "discard " + release.id());
        Runtime.getRuntime().addShutdownHook(discardAtExit);
        boolean built = false;
        try {
            BuildResult result = build(request, service, release, previous);
            built = result instanceof BuildResult.Built;
            return result;
        } finally {
            if (!built) {
                discard(release);
            }
            try {
                Runtime.getRuntime().removeShutdownHook(discardAtExit);
            } catch (IllegalStateException e) {
                // the JVM is exiting: the hook runs
            }
        }
    }

    private BuildResult build(BuildRequest request, ServiceSpec service, Release release, Optional<Release> previous) {
        listener.progress("Installing build revision " + release.id() + " for service (" + service.name() + ")");
        TypeEntry type = Types.of(service.type());
        TypeEntry.Additions additions = type.runtime().of(config.home(), service);
        Map<String, String> variables = new LinkedHashMap<>(additions.variables());
        try {
            variables.putAll(DataKeys.own(config.home(), service, config.publicHost(), request.environment()));
        } catch (IOException e) {
            return new BuildResult.Failed("data", "cannot keep the service's credentials: " + e.getMessage(), List.of());
        }
        variables.putAll(ServiceEnvironment.of(service, request.project(), config.publicHost()));
        request.environment().forEach((k, v) -> {
            if (!service.environment().containsKey(k)) {
                variables.put(k, v);
            }
        });
        BuildContext ctx = new BuildContext(config, request.tree(), service, release, previous, store, runner, listener, variables,
                additions.binDirs());
        service.notes().forEach(ctx::warn);
        ServiceEnvironment.overridden(service, request.project(), config.publicHost()).forEach(k -> ctx.warn(
                "environment: " + k + " replaces the value Steward sets (the service's own value is used)"));
        for (BuildStep step : BuildPipeline.steps(type)) {
            Optional<BuildResult.Failed> failed = runStep(step, ctx);
            if (failed.isPresent()) {
                return failed.get();
            }
        }
        try {
            store.prune(config.keepReleases()).forEach(r -> listener.progress("Removed old build revision " + r.id()));
        } catch (IOException e) {
            ctx.warn("could not prune old releases: " + e);
        }
        listener.progress("Build revision " + release.id() + " ready");
        ServicePrograms programs = ctx.programs().orElseThrow();
        return new BuildResult.Built(release, service, ctx.warnings(), variables, programs.text(), programs.programs(),
                ctx.node().binDir(), ctx.dependencies(), ctx.notes());
    }

    private Optional<BuildResult.Failed> runStep(BuildStep step, BuildContext ctx) {
        try {
            step.run(ctx);
            return Optional.empty();
        } catch (BuildFailure f) {
            return Optional.of(new BuildResult.Failed(f.step(), f.reason(), f.lastLines()));
        } catch (IOException | RuntimeException e) {
            return Optional.of(new BuildResult.Failed(step.name(), e.toString(), List.of()));
        }
    }

    private Optional<Release> newestQuietly() {
        try {
            List<Release> all = store.list();
            return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private void discard(Release release) {
        try {
            store.delete(release);
        } catch (IOException e) {
            listener.warning("could not remove the failed build " + release.dir() + ": " + e);
        }
    }

    /** Makes a complete release live: {@code code}/{@code current} switched by rename, env files installed in HOME. */
    public ReleaseView switchTo(Release release) throws IOException {
        ReleaseView view = view(release);
        store.switchTo(release);
        EnvironmentFiles.install(store.metaDir(release), config.home());
        NginxConf.install(config.home(), store.metaDir(release).resolve(WritePrograms.STACK_DIR));
        listener.progress("Switched " + config.home().resolve(CurrentLink.CURRENT) + " to build revision " + release.id());
        return view;
    }

    /** Switches back to the release before the active one; empty when there is none. */
    public Optional<ReleaseView> rollback() throws IOException {
        Optional<Release> prev = store.previous();
        if (prev.isEmpty()) {
            return Optional.empty();
        }
        listener.progress("Rolling back to build revision " + prev.get().id());
        return Optional.of(switchTo(prev.get()));
    }

    public Optional<Release> active() throws IOException {
        return store.active();
    }

    public Optional<Release> previous() throws IOException {
        return store.previous();
    }

    /** Complete releases, oldest first. */
    public List<Release> releases() throws IOException {
        return store.list();
    }

    public ReleaseView view(Release release) throws IOException {
        var meta = store.metadata(release).orElseThrow(() -> new IOException("release " + release.id() + " is incomplete"));
        Path dir = store.metaDir(release);
        String programs = Files.readString(dir.resolve(WritePrograms.FILE), StandardCharsets.UTF_8);
        Path inPlace = dir.resolve(WritePrograms.IN_PLACE);
        List<String> reload = Files.isRegularFile(inPlace)
                ? Files.readAllLines(inPlace, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList() : List.of();
        Path front = dir.resolve(WritePrograms.FRONT);
        String frontDigest = Files.isRegularFile(front) ? Files.readString(front, StandardCharsets.UTF_8).strip() : "";
        return new ReleaseView(release, meta, programs, EnvironmentFiles.read(dir), reload, frontDigest);
    }

    /** The environment for a release's programs, hooks and cron jobs: base + HOME + variables, its bin directories first on PATH. */
    public Map<String, String> processEnvironment(ReleaseView view) {
        return RuntimeEnvironment.merge(config.baseEnvironment(), config.home(), view.environment(), view.binDirs());
    }

    /**
     * Runs the release's postinstall ({@code postinstall:} key, else {@code ./postinstall} when that
     * file exists) in its approot, reached through {@code HOME/current} when the release is live,
     * capped at {@link BuilderConfig#postinstallTimeout()}.
     */
    public PostinstallResult runPostinstall(Release release) throws IOException {
        ReleaseView view = view(release);
        ServiceSpec service;
        try {
            service = parser.parseTree(release.dir()).select(view.metadata().service());
        } catch (ManifestException e) {
            return new PostinstallResult(true, false, e.getMessage(), List.of());
        }
        boolean live = store.active().filter(release::equals).isPresent();
        Path approot = live ? config.home().resolve(CurrentLink.CURRENT) : release.dir().resolve(view.metadata().approot());
        Optional<String> script = service.hooks().postinstallFor(approot);
        if (script.isEmpty()) {
            return PostinstallResult.skipped();
        }
        listener.progress("Running postinstall script...");
        CommandResult r = RunHook.run(runner, "postinstall", script.get(), approot, processEnvironment(view),
                config.postinstallTimeout(), listener);
        if (r.succeeded()) {
            return new PostinstallResult(true, true, "ok", r.lastLines());
        }
        String reason = "postinstall '" + script.get() + "' " + r.describe(config.postinstallTimeout());
        listener.progress(reason);
        return new PostinstallResult(true, false, reason, r.lastLines());
    }

    /**
     * Validates {@code tree/dotcloud.yml} and each code service's programs (the type's stack, the
     * approot supervisord.conf, process/processes) without building; data services with their
     * server's programs; every service with the keys it exports. Stack programs name the release's
     * stack directory as {@code <release>}. Nothing is written (a data service's password shows as
     * a placeholder until its first deploy).
     */
    public CheckReport check(Path tree) throws ManifestException {
        BuildManifest manifest = parser.parseTree(tree);
        List<CheckReport.ServiceCheck> services = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (ServiceSpec s : manifest.services()) {
            notes.addAll(s.notes());
            List<ProgramSummary> programs = List.of();
            List<String> files = List.of();
            if (s.type().isCode()) {
                files = Types.of(s.type()).approotFiles();
                Path approot = manifest.tree().resolve(s.approot());
                var stack = Types.of(s.type()).stack();
                Map<String, String> variables = ServiceEnvironment.of(s, "check", config.publicHost());
                var layout = WritePrograms.layout(config.home(), config.home().resolve(".steward").resolve("releases")
                        .resolve("<release>"), approot, variables);
                programs = ServicePrograms.of(s, stack.programs(layout, s), approot, config.home(), ServicePrograms.heldSockets(s, variables))
                        .programs();
            }
            if (!s.type().isCode()) {
                var layout = WritePrograms.layout(config.home(), config.home().resolve(".steward").resolve("releases")
                        .resolve("<release>"), manifest.tree(), Map.of());
                programs = Types.of(s.type()).stack().programs(layout, s).stream().map(p -> p.summary()).toList();
            }
            Map<String, Integer> none = Map.of();
            List<String> exports = AppEnvironment.unavailable(s).isPresent() ? List.of() : List.copyOf(AppEnvironment.exported(s,
                    new AppEnvironment.Address(config.publicHost(), none, Optional.empty(), Optional.empty())).keySet());
            services.add(new CheckReport.ServiceCheck(s.name(), s.type().wireName(), s.approot(), s.nodeVersion().orElse(null),
                    programs, files, exports, AppEnvironment.unavailable(s).orElse(null)));
        }
        return new CheckReport(services, notes);
    }

    /**
     * Runs {@link StackCheck} on the stack files each code service of {@code tree} would get,
     * rendered into a scratch directory with the tree's approot standing for {@code HOME/current};
     * the user's files are named by their path in the tree. Nothing under the home is touched.
     */
    public List<StackCheck.Problem> checkStack(Path tree) throws ManifestException, IOException {
        BuildManifest manifest = parser.parseTree(tree);
        List<StackCheck.Problem> problems = new ArrayList<>();
        for (ServiceSpec s : manifest.services()) {
            if (!s.type().isCode()) {
                continue;
            }
            Path approot = manifest.tree().toAbsolutePath().resolve(s.approot()).normalize();
            Path scratch = Files.createTempDirectory("steward-check");
            try {
                var layout = WritePrograms.layout(config.home(), scratch, approot,
                        ServiceEnvironment.of(s, "check", config.publicHost()));
                WritePrograms.writeFiles(layout, Types.of(s.type()).stack().files(layout, s));
                problems.addAll(StackCheck.check(config.home(), layout.stackDir(), approot, approot));
            } finally {
                AtomicFiles.deleteTree(scratch);
            }
        }
        return problems;
    }
}
