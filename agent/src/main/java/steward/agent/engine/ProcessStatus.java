package steward.agent.engine;

import steward.compat.api.ProcessInfo;
import steward.compat.api.ProcessRef;
import steward.compat.api.ProcessState;

/**
 * What is known of one process, as getProcessInfo reports it, plus the counters the state machine
 * keeps. Its fields are its own: the runner and the actions tell it what happened (a spawn, an
 * exit, a detach…) through the methods below, each of which keeps the fields that belong together
 * consistent; only {@link ProcessRunner#enter} changes the state. Loop thread only.
 */
final class ProcessStatus {
    private ProcessState state = ProcessState.STOPPED;
    /** The running child's pid, 0 when there is none. */
    private int pid;
    /** The pid of the child that exited last (reported with STOPPED and EXITED). */
    private int exitedPid;
    /** Wall-clock milliseconds of the last spawn and the last exit. */
    private long laststart;
    private long laststop;
    /** Monotonic nanoseconds of the last spawn. */
    private long laststartNanos;
    /** Entries into BACKOFF since the process last ran (Supervisor's backoff, reported as tries). */
    private int backoff;
    private String spawnerr = "";
    private int exitstatus;
    /** STARTING with startsecs over, waiting for the ready check's READY. */
    private boolean heldStarting;
    /** Why the ready check gave up: the kill in flight ends in BACKOFF with this spawnerr. */
    private String notReady;

    ProcessState state() {
        return state;
    }

    int pid() {
        return pid;
    }

    int exitedPid() {
        return exitedPid;
    }

    long laststart() {
        return laststart;
    }

    long laststartNanos() {
        return laststartNanos;
    }

    int backoff() {
        return backoff;
    }

    String spawnerr() {
        return spawnerr;
    }

    int exitstatus() {
        return exitstatus;
    }

    boolean heldStarting() {
        return heldStarting;
    }

    String notReady() {
        return notReady;
    }

    /** The runner's move ({@link ProcessRunner#enter}); entering BACKOFF counts a try. */
    void entered(ProcessState to) {
        state = to;
        if (to == ProcessState.BACKOFF) {
            backoff++;
        }
    }

    /**
     * At a redeploy's promotion: this fresh process (never started) takes over {@code staged}'s
     * RUNNING child (pid, start times, state); the staged one is left STOPPED with no child. No
     * event: the name was RUNNING and stays RUNNING.
     */
    void adopted(ProcessStatus staged) {
        pid = staged.pid;
        laststart = staged.laststart;
        laststartNanos = staged.laststartNanos;
        state = ProcessState.RUNNING;
        staged.pid = 0;
        staged.state = ProcessState.STOPPED;
    }

    /** A redeploy retired the process: STOPPED with no event (its successor already runs). */
    void retired() {
        state = ProcessState.STOPPED;
    }

    /** A spawn begins: what the last run left is cleared. */
    void spawning(long nowMillis, long nowNanos) {
        spawnerr = "";
        exitstatus = 0;
        heldStarting = false;
        notReady = null;
        laststart = nowMillis;
        laststartNanos = nowNanos;
    }

    void spawned(int childPid) {
        pid = childPid;
    }

    /** Why a spawn failed, or why the start gate holds the process back. */
    void spawnError(String message) {
        spawnerr = message;
    }

    /** The child ended (reaped, or left to drain): its pid becomes the last one, the stop time is now. */
    void childGone(long nowMillis) {
        laststop = nowMillis;
        exitedPid = pid;
        pid = 0;
    }

    /** A socket program's child left to drain: no exit status of its own yet. */
    void detached(long nowMillis) {
        childGone(nowMillis);
        exitstatus = 0;
    }

    void exitstatus(int code) {
        exitstatus = code;
    }

    /** Exited before startsecs (or before its ready check passed): the reason is the spawnerr. */
    void exitedTooQuickly() {
        exitstatus = 0;
        spawnerr = notReady != null ? notReady : "Exited too quickly (process log may have details)";
        notReady = null;
    }

    /** An exit that the program's exitcodes do not list. */
    void badExit(int code) {
        spawnerr = "Bad exit code " + code;
    }

    /** The backoff count starts over (the process ran, or gave up). */
    void backoffReset() {
        backoff = 0;
    }

    /** STARTING with startsecs over, held until the ready check's READY. */
    void holdStarting(boolean held) {
        heldStarting = held;
    }

    /** The ready check gave up: the kill that follows ends in BACKOFF with this reason. */
    void notReady(String failure) {
        notReady = failure;
    }

    ProcessInfo info(ProcessRef ref, ProcessLogs logs, long nowSeconds, String statusText) {
        return new ProcessInfo(ref.name(), ref.group(), laststart / 1000, laststop / 1000, nowSeconds, state,
                spawnerr, exitstatus, logs.stdoutPath(), logs.stderrPath(), pid, statusText);
    }
}
