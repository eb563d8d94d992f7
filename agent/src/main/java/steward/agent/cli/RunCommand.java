package steward.agent.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/** Lists {@code run} in {@code steward --help}; {@code Main} hands {@code steward run} to {@link RunMain} first. */
@Command(name = "run", description = RunMain.DESCRIPTION)
public final class RunCommand implements Callable<Integer> {
    @Unmatched
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        return RunMain.run(args, System.out, System.err);
    }
}
