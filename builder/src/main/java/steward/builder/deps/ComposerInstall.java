package steward.builder.deps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import steward.builder.base.Dependencies;
import steward.builder.node.LinkCopy;
import steward.builder.release.ReleaseMetadata;
import steward.builder.step.BuildContext;
import steward.builder.step.BuildFailure;
import steward.builder.step.BuildStep;

/**
 * php and php-worker (reference types §6): {@code composer install --no-dev} in the approot when
 * there is a composer.json; when composer.json and composer.lock are those of the previous release
 * its {@code vendor} is hard-linked in and composer does not run. The {@code requirements:} list
 * (PEAR/PECL names) goes to {@code pecl install} when pecl is installed, else a warning names
 * what was not installed. Composer reads the user's own repositories (composer.json, COMPOSER_*).
 */
public final class ComposerInstall implements BuildStep {
    public static final List<String> INPUTS = List.of("composer.json", "composer.lock");

    @Override
    public void run(BuildContext ctx) throws BuildFailure, IOException {
        Path approot = ctx.approotDir();
        List<String> reqs = ctx.service().requirements();
        if (!reqs.isEmpty()) {
            if (onPath("pecl")) {
                ToolStep.run(ctx, "pecl", "pecl install " + ToolStep.quoteAll(reqs));
            } else {
                ctx.warn("requirements " + reqs + " (PEAR/PECL) were not installed: pecl is not installed (Debian php-pear)");
            }
        }
        if (!Files.isRegularFile(approot.resolve("composer.json"))) {
            return;
        }
        String hash = InputsHash.of(approot, INPUTS, List.of(Runtimes.version("php")));
        Optional<Path> previous = previousVendor(ctx);
        boolean pushed = Files.exists(approot.resolve("vendor"));
        if (!pushed && previous.isPresent() && InputsHash.unchanged(ctx, hash)) {
            LinkCopy.copy(previous.get(), approot.resolve("vendor"));
            InputsHash.reused(ctx, hash, "composer.json unchanged: reusing vendor");
            return;
        }
        ToolStep.run(ctx, "composer", "composer install --no-dev --no-interaction --no-progress --optimize-autoloader");
        ctx.dependencies(Dependencies.INSTALLED, hash);
    }

    private static Optional<Path> previousVendor(BuildContext ctx) throws IOException {
        if (ctx.previous().isEmpty()) {
            return Optional.empty();
        }
        Optional<ReleaseMetadata> meta = ctx.store().metadata(ctx.previous().get());
        if (meta.isEmpty()) {
            return Optional.empty();
        }
        Path vendor = ctx.previous().get().dir().resolve(meta.get().approot()).resolve("vendor");
        return Files.isDirectory(vendor) ? Optional.of(vendor) : Optional.empty();
    }

    static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String name() {
        return "composer";
    }
}
