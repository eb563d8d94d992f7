package steward.agent.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import steward.agent.up.AppState;
import steward.compat.ctl.CtlClient;
import steward.agent.up.ChildAgent;

/** {@code steward status [DIR]}: each service of an app that {@code steward up} runs, its programs and URL. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show each service of the app `steward up` runs for DIR: its agent, programs, URL and home; "
                + "exit 3 when the app is not up.")
public final class StatusCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "DIR", defaultValue = ".", description = "the app (default: the current directory)")
    Path dir;

    @Override
    public Integer call() {
        Optional<AppState> state = AppLookup.running(dir);
        if (state.isEmpty()) {
            System.out.println(dir.toAbsolutePath().normalize() + " is not up (no steward up runs for it)");
            return 3;
        }
        System.out.println("steward up (pid " + state.get().pid() + ") runs " + state.get().app());
        int code = 0;
        for (AppState.Entry u : state.get().units()) {
            String programs;
            try (CtlClient c = new CtlClient("unix://" + ChildAgent.socket(u.home()), null, null)) {
                Map<?, ?> r = (Map<?, ?>) c.call("steward.readiness");
                programs = ((List<?>) r.get("programs")).stream().map(p -> (Map<?, ?>) p)
                        .map(p -> p.get("name") + " " + p.get("state")).reduce((a, b) -> a + ", " + b).orElse("no programs");
                if (!Boolean.TRUE.equals(r.get("ready"))) {
                    code = 1;
                }
            } catch (Exception e) {
                programs = "its agent does not answer";
                code = 1;
            }
            System.out.printf("%-12s %-24s %s  home %s%n", u.label(), u.port() > 0 ? "http://localhost:" + u.port() : "-",
                    programs, u.home());
        }
        return code;
    }
}
