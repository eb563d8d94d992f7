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
 * perl and perl-worker (reference types §8): into the local::lib {@code HOME/perl5},
 * {@code cpanm --installdeps .} when the approot has a Makefile.PL, Build.PL or cpanfile, then
 * {@code cpanm} of the {@code requirements:} list (module names, dist files or URLs). Skipped when
 * those files, the list and perl are unchanged. cpanm reads the user's own mirror settings
 * (PERL_CPANM_OPT).
 */
public final class CpanmInstall implements BuildStep {
    public static final List<String> INPUTS = List.of("Makefile.PL", "Build.PL", "cpanfile");

    public static Path localLib(Path home) {
        return home.resolve("perl5");
    }

    @Override
    public void run(BuildContext ctx) throws BuildFailure, IOException {
        Runtimes.checkWanted(ctx, "perl_version", "perl");
        Path approot = ctx.approotDir();
        boolean declared = INPUTS.stream().anyMatch(f -> Files.isRegularFile(approot.resolve(f)));
        List<String> reqs = ctx.service().requirements();
        if (!declared && reqs.isEmpty()) {
            return;
        }
        Path lib = localLib(ctx.config().home());
        String hash = InputsHash.of(approot, INPUTS, Stream.concat(reqs.stream(), Stream.of(Runtimes.version("perl"))).toList());
        if (Files.isDirectory(lib) && InputsHash.unchanged(ctx, hash)) {
            InputsHash.reused(ctx, hash, "dependencies unchanged: reusing " + lib);
            return;
        }
        String cpanm = "cpanm --notest --quiet -L " + ToolStep.quote(lib.toString());
        if (declared) {
            ToolStep.run(ctx, "cpanm", cpanm + " --installdeps .");
        }
        if (!reqs.isEmpty()) {
            ToolStep.run(ctx, "cpanm", cpanm + " " + ToolStep.quoteAll(reqs));
        }
        ctx.dependencies(Dependencies.INSTALLED, hash);
    }

    @Override
    public String name() {
        return "cpanm";
    }
}
