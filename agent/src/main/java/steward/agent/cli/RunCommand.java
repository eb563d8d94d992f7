package steward.agent.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;
import steward.compat.cli.CommandDoc;

/** Lists {@code run} among the commands (help, man page, completion); {@code Main} hands {@code steward run} to {@link RunMain} first. */
@Command(name = "run")
public final class RunCommand implements Callable<Integer>, GetoptCommand {
    @Unmatched
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        return RunMain.run(args, System.out, System.err);
    }

    @Override
    public CommandDoc doc() {
        return RunMain.DOC;
    }
}
