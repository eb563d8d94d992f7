package steward.agent.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import steward.compat.ctl.Ctl;

/**
 * {@code steward ctl [-c FILE | -s URL] [-u U -p P] [CMD…]}: supervisorctl (its shell without CMD).
 * Entered straight from {@code Main}, without picocli or JNA, so a one-shot {@code steward ctl status}
 * loads little more than the client (see {@code bench/ctlstart.py}); every argument reaches
 * {@link Ctl#run} unchanged, which parses supervisorctl's options ({@code CtlDoc}) itself.
 *
 * <p>Ctrl-C interrupts the calling thread instead of ending the JVM: {@code tail -f} and
 * {@code maintail -f} read an interruptible channel, so they stop, print an empty line and return
 * 0, as supervisorctl does after a KeyboardInterrupt. The JVM will not handle a signal that was
 * ignored at start (a shell's background job), so SIGINT is first reset to its default then, through
 * JNA, which is loaded only in that case.
 */
public final class CtlMain {
    private CtlMain() {
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        interruptOnCtrlC(Thread.currentThread());
        return Ctl.run(AppLookup.ctlArgs(args), out, err);
    }

    @SuppressWarnings("removal")
    private static void interruptOnCtrlC(Thread caller) {
        try {
            if (ignoredAtStart(2)) {
                steward.agent.os.LibC.signal(steward.compat.config.Signals.INT, com.sun.jna.Pointer.NULL);
            }
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), sig -> caller.interrupt());
        } catch (IllegalArgumentException | UnsatisfiedLinkError | NoClassDefFoundError e) {
            // keep the JVM's default: Ctrl-C ends the process
        }
    }

    /** Whether signal {@code signum} is ignored by this process (the SigIgn mask in /proc/self/status). */
    static boolean ignoredAtStart(int signum) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("SigIgn:")) {
                    long mask = Long.parseUnsignedLong(line.substring(7).strip(), 16);
                    return (mask & (1L << (signum - 1))) != 0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // no /proc to ask: reset it to be sure
        }
        return true;
    }
}
