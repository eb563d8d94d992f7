package steward.builder.deps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import steward.builder.base.Dependencies;
import steward.builder.step.BuildContext;
import steward.builder.step.BuildFailure;
import steward.builder.step.BuildStep;

/**
 * ruby and ruby-worker (reference types §4): {@code bundle install} in the approot when there is a
 * Gemfile, into {@code HOME/bundle} (GEM_HOME, with bundler in its system mode,
 * {@code BUNDLE_PATH__SYSTEM}, so the gems Debian installed, ruby-rack and puma, count as installed,
 * as dotCloud's ruby image had Rack; {@code BUNDLE_PATH} would hide them), first with
 * {@code --local} (no gem server asked: an offline build of a Gemfile naming rack works), then, when
 * a gem is not installed locally, from the Gemfile's sources; without the
 * {@code exclude_bundler_groups} (BUNDLE_WITHOUT); then {@code gem install} of the
 * {@code requirements:} list into the same path. Skipped when Gemfile, Gemfile.lock, the list and
 * ruby are unchanged. Bundler reads the user's own mirror settings (BUNDLE_MIRROR__*, .bundle/config).
 */
public final class BundleInstall implements BuildStep {
    public static final List<String> INPUTS = List.of("Gemfile", "Gemfile.lock");
    /** In the inputs' hash: a bundle installed under BUNDLE_PATH's layout before is not reused. */
    private static final String LAYOUT = "gems in GEM_HOME, system gems visible";

    public static Path bundlePath(Path home) {
        return home.resolve("bundle");
    }

    @Override
    public void run(BuildContext ctx) throws BuildFailure, IOException {
        Runtimes.checkWanted(ctx, "ruby-version", "ruby");
        Path approot = ctx.approotDir();
        boolean gemfile = Files.isRegularFile(approot.resolve("Gemfile"));
        List<String> reqs = ctx.service().requirements();
        if (!gemfile && reqs.isEmpty()) {
            return;
        }
        String hash = InputsHash.of(approot, INPUTS, Stream.concat(reqs.stream(),
                Stream.of(ctx.variables().getOrDefault("BUNDLE_WITHOUT", ""), "ruby " + Runtimes.version("ruby"), LAYOUT)).toList());
        if (Files.isDirectory(bundlePath(ctx.config().home())) && InputsHash.unchanged(ctx, hash)) {
            InputsHash.reused(ctx, hash, "Gemfile unchanged: reusing " + bundlePath(ctx.config().home()));
            return;
        }
        if (gemfile && !ToolStep.attempt(ctx, "bundle", "bundle install --local --jobs 4")) {
            ToolStep.run(ctx, "bundle", "bundle install --jobs 4");
        }
        if (!reqs.isEmpty()) {
            ToolStep.run(ctx, "gem", "gem install --no-document --install-dir "
                    + ToolStep.quote(bundlePath(ctx.config().home()).toString()) + " " + ToolStep.quoteAll(reqs));
        }
        ctx.dependencies(Dependencies.INSTALLED, hash);
    }

    @Override
    public String name() {
        return "bundle";
    }
}
