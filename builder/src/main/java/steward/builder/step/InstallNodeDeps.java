package steward.builder.step;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import steward.builder.base.Dependencies;
import steward.builder.exec.CommandResult;
import steward.builder.manifest.ServiceType;
import steward.builder.node.DependencyHash;
import steward.builder.node.LinkCopy;
import steward.builder.release.Release;
import steward.builder.release.ReleaseMetadata;

/**
 * The nodejs build step. With a package.json in the approot: when the previous release recorded
 * the same dependency hash (package.json + lockfile + node version) its {@code node_modules} is
 * hard-linked into the new release and npm does not run at all. Otherwise {@code npm ci --omit=dev}
 * (lockfile present) or {@code npm install --omit=dev} runs; for {@code npm install} the previous
 * {@code node_modules} is hard-linked in first so npm only fetches the difference ({@code npm ci}
 * deletes node_modules by design, so nothing is carried over for it). A pushed node_modules is
 * left alone.
 */
public final class InstallNodeDeps implements BuildStep {
    static final String MODULES = "node_modules";

    @Override
    public void run(BuildContext ctx) throws BuildFailure, IOException {
        Path approot = ctx.approotDir();
        if (ctx.service().type() != ServiceType.NODEJS || !Files.isRegularFile(approot.resolve("package.json"))) {
            return;
        }
        String nodeVersion = ctx.node().node().map(n -> n.version()).orElse("none");
        String hash = DependencyHash.of(approot, nodeVersion);
        boolean pushedModules = Files.exists(approot.resolve(MODULES));
        Optional<Path> previousModules = pushedModules ? Optional.empty() : previousModules(ctx);
        if (!pushedModules && sameInstall(ctx, hash)) {
            if (previousModules.isPresent()) {
                LinkCopy.copy(previousModules.get(), approot.resolve(MODULES));
            }
            ctx.listener().progress("package.json unchanged: reusing "
                    + (previousModules.isPresent() ? "node_modules" : "the install (no dependencies)") + " from "
                    + ctx.previous().get().id());
            ctx.dependencies(Dependencies.REUSED, hash);
            return;
        }
        boolean ci = DependencyHash.lockfile(approot).isPresent();
        if (!ci && previousModules.isPresent()) {
            LinkCopy.copy(previousModules.get(), approot.resolve(MODULES));
        }
        String script = npm(ctx) + (ci ? " ci" : " install") + " --omit=dev --no-audit --no-fund --no-update-notifier";
        ctx.listener().progress("Running " + script);
        CommandResult r = RunHook.run(ctx.runner(), name(), script, approot, ctx.processEnvironment(),
                ctx.config().buildTimeout(), ctx.listener());
        if (!r.succeeded()) {
            throw BuildFailure.ran(name(), script, r, ctx.config().buildTimeout());
        }
        ctx.dependencies(Dependencies.INSTALLED, hash);
    }

    private static String npm(BuildContext ctx) {
        return ctx.node().binDir().map(bin -> bin.resolve("npm")).filter(Files::isExecutable)
                .map(p -> "'" + p.toString().replace("'", "'\\''") + "'").orElse("npm");
    }

    private static Optional<Path> previousModules(BuildContext ctx) throws IOException {
        if (ctx.previous().isEmpty()) {
            return Optional.empty();
        }
        Release prev = ctx.previous().get();
        Optional<ReleaseMetadata> meta = ctx.store().metadata(prev);
        if (meta.isEmpty() || !meta.get().approot().equals(ctx.service().approot())) {
            return Optional.empty();
        }
        Path modules = prev.dir().resolve(meta.get().approot()).resolve(MODULES);
        return Files.isDirectory(modules) ? Optional.of(modules) : Optional.empty();
    }

    /**
     * The previous release of the same approot was installed from the same package.json, lockfile and
     * node: its node_modules (or its lack of one, for a package without dependencies) can be reused.
     */
    private static boolean sameInstall(BuildContext ctx, String hash) throws IOException {
        if (ctx.previous().isEmpty()) {
            return false;
        }
        Optional<ReleaseMetadata> meta = ctx.store().metadata(ctx.previous().get());
        return meta.isPresent() && meta.get().approot().equals(ctx.service().approot())
                && meta.flatMap(ReleaseMetadata::depsHashIfAny).filter(hash::equals).isPresent();
    }

    @Override
    public String name() {
        return "npm";
    }
}
