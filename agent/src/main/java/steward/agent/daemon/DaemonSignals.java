package steward.agent.daemon;

import com.sun.jna.Pointer;
import steward.agent.logs.DaemonLog;
import steward.agent.os.LibC;
import steward.compat.api.ProcessControl;
import steward.compat.config.Signals;

/**
 * The daemon's own signals, as supervisord: TERM and INT stop everything and exit, HUP reloads,
 * USR2 reopens the logs. The JVM reserves some: USR2 is usable because the launcher moves HotSpot's
 * suspend/resume signal with {@code _JAVA_SR_SIGNUM}; TERM, INT and HUP are reset to their default
 * first, because the JVM refuses to handle a signal that was ignored at start (nohup, a script's
 * background job, {@code trap '' TERM}). QUIT stays the JVM's
 * (a thread dump), so it is not a stop signal here; the README says so.
 */
public final class DaemonSignals {
    private DaemonSignals() {
    }

    /** supervisord's signals. */
    public static void install(ProcessControl engine, DaemonLog log) {
        install(engine, log, name -> engine.shutdown(), () -> { });
    }

    /**
     * As supervisord's, with {@code stop} deciding what TERM/INT do (given "TERM" or "INT"; the
     * container agent drains first, then shuts the engine down) and {@code reopenOthers} after the
     * engine's logs on USR2 (cron's log).
     */
    public static void install(ProcessControl engine, DaemonLog log, java.util.function.Consumer<String> stop,
            Runnable reopenOthers) {
        LibC.signal(Signals.TERM, Pointer.NULL);
        LibC.signal(Signals.INT, Pointer.NULL);
        for (String name : new String[] {"TERM", "INT"}) {
            handle(name, log, () -> {
                log.warn("received SIG" + name + " indicating exit request");
                stop.accept(name);
            });
        }
        LibC.signal(Signals.HUP, Pointer.NULL);
        handle("HUP", log, () -> {
            log.warn("received SIGHUP indicating restart request");
            engine.restart();
        });
        handle("USR2", log, () -> {
            log.info("received SIGUSR2 indicating log reopen request");
            engine.reopenLogs();
            reopenOthers.run();
        });
    }

    @SuppressWarnings("removal")
    private static void handle(String name, DaemonLog log, Runnable action) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal(name), sig -> action.run());
        } catch (IllegalArgumentException e) {
            log.warn("cannot handle SIG" + name + " in this JVM: " + e.getMessage());
        }
    }
}
