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
            throw BuildFailure.ran(step, script, r, ctx.config().buildTimeout());
        }
    }

    /**
     * Runs {@code script} with its output held back: true (and the output replayed as the step's)
     * when it succeeded, false (nothing shown) when it failed. For a first attempt that may fail
     * harmlessly (bundler offline, before it fetches).
     */
    static boolean attempt(BuildContext ctx, String step, String script) throws IOException {
        List<String> held = new java.util.ArrayList<>();
        steward.builder.base.BuildListener hold = new steward.builder.base.BuildListener() {
            @Override
            public void output(String s, String line) {
                held.add(line);
            }
        };
        CommandResult r = RunHook.run(ctx.runner(), step, script, ctx.approotDir(), ctx.processEnvironment(),
                ctx.config().buildTimeout(), hold);
        if (r.succeeded()) {
            ctx.listener().progress("Running " + script);
            held.forEach(line -> ctx.listener().output(step, line));
        }
        return r.succeeded();
    }

    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    static String quoteAll(List<String> words) {
        return words.stream().map(ToolStep::quote).collect(Collectors.joining(" "));
    }
}
