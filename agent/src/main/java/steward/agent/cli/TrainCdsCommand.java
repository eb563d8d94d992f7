package steward.agent.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import steward.agent.daemon.CdsTraining;

/** Hidden: the launcher runs it once to build the class-data sharing archive. */
@Command(name = "train-cds", hidden = true)
public final class TrainCdsCommand implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
        return CdsTraining.run();
    }
}
