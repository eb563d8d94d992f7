package steward.builder.program;

import java.nio.file.Path;

/**
 * dotCloud's log naming: a program without its own log settings writes stdout to
 * {@code <logdir>/<process name>.log} and stderr to {@code <logdir>/<process name>_error.log}.
 * {@code processName} may be a supervisord expansion such as {@code %(program_name)s_%(process_num)02d}.
 */
public final class LogFiles {
    private LogFiles() {
    }

    public static String stdout(Path logDir, String processName) {
        return Ini.escapePercent(logDir.toString()) + "/" + processName + ".log";
    }

    public static String stderr(Path logDir, String processName) {
        return Ini.escapePercent(logDir.toString()) + "/" + processName + "_error.log";
    }
}
