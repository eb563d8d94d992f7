package steward.agent.engine;

import java.util.Optional;
import java.util.function.Function;
import steward.agent.logs.DaemonLog;
import steward.compat.api.ProcessRef;
import steward.compat.api.ProcessState;
import steward.compat.config.ProcessConfig;
import steward.compat.events.EngineEvent;
import steward.compat.events.EventSubscriber;

/**
 * supervisord's main-log lines for process state changes, written from the event stream: the
 * engine subscribes this on the loop before anything else, so each line lands where supervisord
 * writes it, right after the change is announced and before anyone acts on it. Wording, levels
 * and which changes have a line are supervisord's:
 * <pre>
 * STARTING with a pid        INFO spawned: 'web' with pid 42
 * STARTING, spawn failed     INFO spawnerr: can't find command 'nope'
 * RUNNING after startsecs    INFO success: web entered RUNNING state, process has stayed up for &gt; than 1 seconds (startsecs)
 * BACKOFF, exited too soon   WARN exited: web (exit status 1; not expected)
 * FATAL                      INFO gave up: web entered FATAL state, too many start retries too quickly
 * EXITED                     INFO exited: web (exit status 0; expected)   / WARN ... not expected
 * STOPPED, by a stop         INFO stopped: web (terminated by SIGTERM)    / WARN when not in exitcodes
 * </pre>
 * Changes with no cause in {@code detail} where supervisord names one get no line: a BACKOFF after
 * a spawn error, STOPPED from BACKOFF, RUNNING that an exit forced through.
 */
final class StateLines implements EventSubscriber {
    private final DaemonLog log;
    private final Function<ProcessRef, Optional<ProcessConfig>> configs;

    StateLines(DaemonLog log, Function<ProcessRef, Optional<ProcessConfig>> configs) {
        this.log = log;
        this.configs = configs;
    }

    @Override
    public void onEvent(EngineEvent.Published published) {
        if (!(published.event() instanceof EngineEvent.ProcessStateChanged e)) {
            return;
        }
        String name = e.process().name();
        String detail = e.detail();
        switch (e.to()) {
            case STARTING -> {
                if (e.pid() != 0) {
                    log.info("spawned: '" + name + "' with pid " + e.pid());
                } else if (!detail.isEmpty()) {
                    log.info("spawnerr: " + detail);
                }
            }
            case RUNNING -> {
                if (e.from() == ProcessState.STARTING && detail.isEmpty()) {
                    configs.apply(e.process()).ifPresent(c -> log.info("success: " + name
                            + " entered RUNNING state, process has stayed up for > than " + c.startsecs()
                            + " seconds (startsecs)"));
                }
            }
            case BACKOFF -> {
                if (!detail.isEmpty()) {
                    log.warn("exited: " + name + " (" + detail + "; not expected)");
                }
            }
            case FATAL -> log.info("gave up: " + name + " entered FATAL state, too many start retries too quickly");
            case EXITED -> {
                if (e.expected()) {
                    log.info("exited: " + name + " (" + detail + "; expected)");
                } else {
                    log.warn("exited: " + name + " (" + detail + "; not expected)");
                }
            }
            case STOPPED -> {
                if (!detail.isEmpty()) {
                    if (e.expected()) {
                        log.info("stopped: " + name + " (" + detail + ")");
                    } else {
                        log.warn("stopped: " + name + " (" + detail + ")");
                    }
                }
            }
            default -> { }
        }
    }
}
