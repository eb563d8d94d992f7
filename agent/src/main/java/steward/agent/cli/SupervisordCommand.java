package steward.agent.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;
import steward.compat.cli.CommandDoc;

/**
 * Lists {@code supervisord} among the commands (help, man page, completion); {@code Main} hands it to
 * {@link SupervisordMain} first.
 */
@Command(name = "supervisord")
public final class SupervisordCommand implements Callable<Integer>, GetoptCommand {
    @Unmatched
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        return SupervisordMain.run(args, System.out, System.err);
    }

    @Override
    public CommandDoc doc() {
        return SupervisordMain.DOC;
    }
}
