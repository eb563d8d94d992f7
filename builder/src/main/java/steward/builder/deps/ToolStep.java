package steward.builder.deps;

import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;
import steward.builder.exec.CommandResult;
import steward.builder.step.BuildContext;
import steward.builder.step.BuildFailure;
import steward.builder.step.RunHook;

/** Runs one tool command of a dependency step in the approot, streaming its output; a failure fails the build. */
final class ToolStep {
    private ToolStep() {
    }

    static void run(BuildContext ctx, String step, String script) throws BuildFailure, IOException {
        ctx.listener().progress("Running " + script);
        CommandResult r = RunHook.run(ctx.runner(), step, script, ctx.approotDir(), ctx.processEnvironment(),
                ctx.config().buildTimeout(), ctx.listener());
        if (!r.succeeded()) {
            throw new BuildFailure(step, "'" + script + "' " + r.describe(ctx.config().buildTimeout()), r.lastLines());
        }
    }

    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    static String quoteAll(List<String> words) {
        return words.stream().map(ToolStep::quote).collect(Collectors.joining(" "));
    }
}
