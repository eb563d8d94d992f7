package steward.builder.program;

/**
 * dotCloud's log naming: a program without its own log settings writes stdout to
 * {@code <logdir>/<process name>.log} and stderr to {@code <logdir>/<process name>_error.log}.
 * The log directory is the agent's, known only when the release runs, so the release names it as
 * {@code %(ENV_STEWARD_LOG_DIR)s}, which the agent defines when it reads the release's programs.
 * {@code processName} may be a supervisord expansion such as {@code %(program_name)s_%(process_num)02d}.
 */
public final class LogFiles {
    /** The variable the agent sets to its log directory when it parses a release's programs. */
    public static final String LOG_DIR_VARIABLE = "STEWARD_LOG_DIR";
    static final String LOG_DIR = "%(ENV_" + LOG_DIR_VARIABLE + ")s";

    private LogFiles() {
    }

    public static String stdout(String processName) {
        return LOG_DIR + "/" + processName + ".log";
    }

    public static String stderr(String processName) {
        return LOG_DIR + "/" + processName + "_error.log";
    }
}
