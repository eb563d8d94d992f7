package steward.agent.cli;

import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;
import steward.agent.os.LibC;
import steward.compat.config.Signals;
import steward.compat.ctl.Ctl;

/**
 * {@code steward ctl [-c FILE | -s URL] [-u U -p P] [CMD…]}: supervisorctl (its shell without CMD). Every
 * argument after {@code ctl} reaches {@link Ctl#run} unchanged: the command declares no options or
 * parameters of its own, so picocli collects the whole tail, in order, as unmatched arguments.
 *
 * <p>Ctrl-C interrupts the calling thread instead of ending the JVM: {@code tail -f} and
 * {@code maintail -f} read an interruptible channel, so they stop, print an empty line and return
 * 0, as supervisorctl does after a KeyboardInterrupt. SIGINT is first reset to its default, because
 * the JVM will not handle a signal that was ignored at start (a shell's background job).
 */
@Command(name = "ctl", description = "supervisorctl's commands against a running daemon (-c FILE or -s URL); "
        + "without a command, its shell.")
public final class CtlCommand implements Callable<Integer> {
    @Unmatched
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        interruptOnCtrlC(Thread.currentThread());
        return Ctl.run(AppLookup.ctlArgs(args), System.out, System.err);
    }

    @SuppressWarnings("removal")
    private static void interruptOnCtrlC(Thread caller) {
        try {
            LibC.signal(Signals.INT, Pointer.NULL);
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), sig -> caller.interrupt());
        } catch (IllegalArgumentException | UnsatisfiedLinkError e) {
            // keep the JVM's default: Ctrl-C ends the process
        }
    }
}
