package steward.agent.os;

import java.util.function.IntFunction;

/**
 * A decoded wait status, as Supervisor's decode_wait_status: the exit code (-1 when killed by a
 * signal) and the text for the log, "exit status 3" or "terminated by SIGTERM".
 */
public record ExitStatus(int code, String message) {

    /** Decodes a raw status from waitpid; {@code signame} names a signal number ("SIGTERM"). */
    public static ExitStatus decode(int status, IntFunction<String> signame) {
        int termsig = status & 0x7f;
        if (termsig == 0) {
            int code = (status >> 8) & 0xff;
            return new ExitStatus(code, "exit status " + code);
        }
        if (termsig != 0x7f) {
            String msg = "terminated by " + signame.apply(termsig);
            if ((status & 0x80) != 0) {
                msg += " (core dumped)";
            }
            return new ExitStatus(-1, msg);
        }
        return new ExitStatus(-1, String.format("unknown termination cause 0x%04x", status));
    }

    /** The raw status of a normal exit with {@code code}. */
    public static int exitedWith(int code) {
        return (code & 0xff) << 8;
    }
}
