package steward.agent.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import steward.agent.logs.DaemonLog;
import steward.agent.logs.RotatingLogFile;
import steward.compat.api.ProcessRef;
import steward.compat.api.ProcessState;
import steward.compat.config.LogLevel;
import steward.compat.config.ProcessConfig;
import steward.compat.events.EngineEvent;

/**
 * The main-log lines of state changes, written from the events alone: supervisord's words and
 * levels, and no line for the changes supervisord passes over in silence.
 */
class StateLinesTest {
    private static final ProcessRef WEB = new ProcessRef("web", "web");

    @TempDir
    Path dir;

    @Test
    void eachChangeGetsSupervisordsLineOrNone() throws Exception {
        DaemonLog log = new DaemonLog(new RotatingLogFile(dir.resolve("main.log"), 0, 0), null, LogLevel.DEBG);
        ProcessConfig config = Programs.with(new Programs(dir).program("web", "/bin/true"), b -> b.startsecs(3));
        StateLines lines = new StateLines(log, ref -> ref.equals(WEB) ? Optional.of(config) : Optional.empty());
        long serial = 0;
        for (EngineEvent.ProcessStateChanged e : List.of(
                change(ProcessState.STOPPED, ProcessState.STARTING, true, 0, "can't find command 'nope'"),
                change(ProcessState.STARTING, ProcessState.BACKOFF, true, 0, ""),
                change(ProcessState.BACKOFF, ProcessState.STOPPED, true, 0, ""),
                change(ProcessState.STOPPED, ProcessState.STARTING, true, 41, ""),
                change(ProcessState.STARTING, ProcessState.BACKOFF, true, 0, "exit status 1"),
                change(ProcessState.BACKOFF, ProcessState.FATAL, true, 0, ""),
                change(ProcessState.FATAL, ProcessState.STARTING, true, 42, ""),
                change(ProcessState.STARTING, ProcessState.RUNNING, true, 42, ""),
                change(ProcessState.RUNNING, ProcessState.EXITED, true, 42, "exit status 0"),
                change(ProcessState.EXITED, ProcessState.STARTING, true, 43, ""),
                change(ProcessState.STARTING, ProcessState.RUNNING, true, 43, "exit status 2"),
                change(ProcessState.RUNNING, ProcessState.EXITED, false, 43, "exit status 2"),
                change(ProcessState.EXITED, ProcessState.STARTING, true, 44, ""),
                change(ProcessState.STARTING, ProcessState.STOPPING, true, 44, ""),
                change(ProcessState.STOPPING, ProcessState.STOPPED, false, 44, "terminated by SIGKILL"),
                change(ProcessState.STOPPED, ProcessState.STARTING, true, 45, ""),
                change(ProcessState.STARTING, ProcessState.STOPPING, true, 45, ""),
                change(ProcessState.STOPPING, ProcessState.STOPPED, true, 45, "exit status 0"))) {
            lines.onEvent(new EngineEvent.Published(++serial, e));
        }
        log.close();
        List<String> written = Files.readAllLines(dir.resolve("main.log")).stream()
                .map(l -> l.substring(l.indexOf(' ', l.indexOf(' ') + 1) + 1)).toList();
        assertEquals(List.of(
                "INFO spawnerr: can't find command 'nope'",
                "INFO spawned: 'web' with pid 41",
                "WARN exited: web (exit status 1; not expected)",
                "INFO gave up: web entered FATAL state, too many start retries too quickly",
                "INFO spawned: 'web' with pid 42",
                "INFO success: web entered RUNNING state, process has stayed up for > than 3 seconds (startsecs)",
                "INFO exited: web (exit status 0; expected)",
                "INFO spawned: 'web' with pid 43",
                "WARN exited: web (exit status 2; not expected)",
                "INFO spawned: 'web' with pid 44",
                "WARN stopped: web (terminated by SIGKILL)",
                "INFO spawned: 'web' with pid 45",
                "INFO stopped: web (exit status 0)"), written);
    }

    private static EngineEvent.ProcessStateChanged change(ProcessState from, ProcessState to, boolean expected, int pid,
                                                          String detail) {
        return new EngineEvent.ProcessStateChanged(WEB, from, to, expected, pid, 0, detail);
    }
}
