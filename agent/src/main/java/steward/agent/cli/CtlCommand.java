package steward.agent.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;
import steward.compat.cli.CommandDoc;
import steward.compat.ctl.CtlDoc;

/**
 * Lists {@code ctl} among the commands (help, man page, completion); {@code Main} hands
 * {@code steward ctl} to {@link CtlMain} first, which parses the options {@link CtlDoc} defines.
 */
@Command(name = "ctl")
public final class CtlCommand implements Callable<Integer>, GetoptCommand {
    @Unmatched
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        return CtlMain.run(List.copyOf(args), System.out, System.err);
    }

    @Override
    public CommandDoc doc() {
        return CtlDoc.DOC;
    }
}
