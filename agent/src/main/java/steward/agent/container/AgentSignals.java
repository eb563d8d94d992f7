package steward.agent.container;

import com.sun.jna.Pointer;
import steward.agent.deploy.DrainGate;
import steward.agent.logs.DaemonLog;
import steward.agent.os.LibC;
import steward.agent.os.SignalNames;
import steward.compat.api.ProcessControl;

/**
 * The container agent's signals: TERM (docker stop) and INT drain (health answers 503 +
 * Retry-After) and stop every program within its grace time, then exit; HUP restarts the
 * programs of the current release; USR2 reopens the logs.
 */
final class AgentSignals {
    private AgentSignals() {
    }

    static void install(ProcessControl engine, DrainGate gate, DaemonLog log, Runnable reopenOthers) {
        handle("TERM", log, () -> {
            log.warn("received SIGTERM indicating exit request");
            gate.drain();
            engine.shutdown();
        });
        handle("INT", log, () -> {
            log.warn("received SIGINT indicating exit request");
            gate.drain();
            engine.shutdown();
        });
        LibC.C.signal(SignalNames.SIGHUP, Pointer.NULL);
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
