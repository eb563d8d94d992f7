package steward.agent.supervision;

import java.util.OptionalInt;
import steward.agent.engine.Engine;
import steward.agent.logs.DaemonLog;
import steward.compat.api.ProcessInfo;
import steward.compat.api.ProcessRef;
import steward.compat.config.AutoRestart;
import steward.compat.config.ProcessConfig;
import steward.compat.events.EngineEvent;
import steward.compat.api.ProcessState;

/**
 * {@code essential=true}: when such a program goes FATAL, or exits and will not be restarted, the
 * daemon stops everything in order and exits with the program's own exit status (1 when it has
 * none: a FATAL spawn error, or death by a signal). Only the first such program decides. Loop thread.
 */
final class Essentials {
    private final Engine engine;
    private final DaemonLog log;
    private volatile OptionalInt exitCode = OptionalInt.empty();

    Essentials(Engine engine, DaemonLog log) {
        this.engine = engine;
        this.log = log;
    }

    OptionalInt exitCode() {
        return exitCode;
    }

    void stateChanged(EngineEvent.ProcessStateChanged e, ProcessConfig config) {
        if (!config.container().essential() || exitCode.isPresent()
                || engine.view().state() != steward.compat.api.SupervisorState.RUNNING) {
            return;
        }
        ProcessRef ref = e.process();
        String what;
        if (e.to() == ProcessState.FATAL) {
            what = "entered FATAL state";
        } else if (e.to() == ProcessState.EXITED && !restarts(config, e.expected())) {
            what = "exited and will not be restarted (autorestart=" + config.autorestart().name().toLowerCase() + ")";
        } else {
            return;
        }
        ProcessInfo info = engine.view().processInfo(ref).orElse(null);
        int status = info == null ? 1 : info.exitstatus();
        int code = e.to() == ProcessState.EXITED && status >= 0 ? status : status > 0 ? status : 1;
        exitCode = OptionalInt.of(code);
        String why = e.to() == ProcessState.FATAL && info != null && !info.spawnerr().isEmpty()
                ? " (" + info.spawnerr() + ")" : "";
        log.crit("essential program " + ref.name() + " " + what + why + ": stopping everything; exit status " + code);
        engine.shutdown();
    }

    private static boolean restarts(ProcessConfig config, boolean expected) {
        return config.autorestart() == AutoRestart.TRUE || (config.autorestart() == AutoRestart.UNEXPECTED && !expected);
    }
}
