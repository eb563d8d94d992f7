package steward.agent.engine;

import steward.compat.api.ProcessInfo;
import steward.compat.api.ProcessRef;
import steward.compat.api.ProcessState;

/**
 * What is known of one process, as getProcessInfo reports it, plus the counters the state
 * machine keeps. Written only by {@link ProcessRunner} and {@link ProcessActions}, on the loop.
 */
final class ProcessStatus {
    ProcessState state = ProcessState.STOPPED;
    /** The running child's pid, 0 when there is none. */
    int pid;
    /** The pid of the child that exited last (reported with STOPPED and EXITED). */
    int exitedPid;
    /** Wall-clock milliseconds of the last spawn and the last exit. */
    long laststart;
    long laststop;
    /** Monotonic nanoseconds of the last spawn. */
    long laststartNanos;
    /** Entries into BACKOFF since the process last ran (Supervisor's backoff, reported as tries). */
    int backoff;
    String spawnerr = "";
    int exitstatus;
    /** STARTING with startsecs over, waiting for the ready check's READY. */
    boolean heldStarting;
    /** Why the ready check gave up: the kill in flight ends in BACKOFF with this spawnerr. */
    String notReady;

    ProcessInfo info(ProcessRef ref, ProcessLogs logs, long nowSeconds, String statusText) {
        return new ProcessInfo(ref.name(), ref.group(), laststart / 1000, laststop / 1000, nowSeconds, state,
                spawnerr, exitstatus, logs.stdoutPath(), logs.stderrPath(), pid, statusText);
    }
}
