package steward.agent.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import steward.agent.up.AppState;

/** {@code steward down [DIR]}: stops the app a (detached) {@code steward up} runs, as Ctrl-C would. */
@Command(name = "down", mixinStandardHelpOptions = true,
        description = "Stop the app `steward up` runs for DIR (code services first, then data services) and wait for it.")
public final class DownCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "DIR", defaultValue = ".", description = "the app (default: the current directory)")
    Path dir;

    @Override
    public Integer call() throws Exception {
        Optional<AppState> state = AppLookup.running(dir);
        if (state.isEmpty()) {
            System.err.println("steward down: " + dir.toAbsolutePath().normalize() + " is not up");
            return 1;
        }
        ProcessHandle up = ProcessHandle.of(state.get().pid()).orElseThrow();
        System.out.println("Stopping steward up (pid " + up.pid() + ") of " + state.get().app());
        up.destroy();
        try {
            up.onExit().get(120, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            System.err.println("steward down: steward up (pid " + up.pid() + ") still runs after 120 s");
            return 1;
        }
        System.out.println("Stopped");
        return 0;
    }
}
