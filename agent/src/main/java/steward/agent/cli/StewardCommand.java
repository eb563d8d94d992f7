package steward.agent.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code steward} command and its subcommands: a new command is registered here, once, and is
 * then in {@code steward --help}, {@code steward help}, the man pages and the shell completion.
 */
@Command(name = "steward", mixinStandardHelpOptions = true, versionProvider = StewardCommand.Version.class,
        description = "Build-and-run agent for PaaS service containers; a drop-in supervisord.",
        subcommands = {RunCommand.class, SupervisordCommand.class, DeployCommand.class, LogsCommand.class, UpCommand.class,
                StatusCommand.class, DownCommand.class,
                CtlCommand.class,
                CronCommand.class, CrontabCommand.class, BackupCommand.class,
                HelpCommand.class, CompletionCommand.class, ManpagesCommand.class})
public final class StewardCommand implements Callable<Integer> {
    public static final String VERSION = "steward 0.1.0";

    @Spec
    CommandSpec spec;

    /** {@code steward} alone: the usage, on stderr, and exit status 2 (a usage error). */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    /** Supplies {@link #VERSION} to picocli. */
    public static final class Version implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {VERSION};
        }
    }
}
