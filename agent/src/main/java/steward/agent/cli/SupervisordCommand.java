package steward.agent.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/** Lists {@code supervisord} in {@code steward --help}; {@code Main} hands it to {@link SupervisordMain} first. */
@Command(name = "supervisord",
        description = "A drop-in supervisord: run any supervisord.conf (supervisord's own options; -h for them).")
public final class SupervisordCommand implements Callable<Integer> {
    @Unmatched
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        return SupervisordMain.run(args, System.out, System.err);
    }
}
