package steward.agent.cli;

import picocli.CommandLine.Command;

/** The {@code steward} command and its subcommands. */
@Command(name = "steward", mixinStandardHelpOptions = true, versionProvider = StewardCommand.Version.class,
        description = "Build-and-run agent for PaaS service containers; a drop-in supervisord.",
        subcommands = {RunCommand.class, SupervisordCommand.class, DeployCommand.class, LogsCommand.class, UpCommand.class,
                StatusCommand.class, DownCommand.class,
                CtlCommand.class,
                CronCommand.class, CrontabCommand.class, BackupCommand.class})
public final class StewardCommand implements Runnable {
    public static final String VERSION = "steward 0.1.0";

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** Supplies {@link #VERSION} to picocli. */
    public static final class Version implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {VERSION};
        }
    }
}
