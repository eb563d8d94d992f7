package steward.compat.api;

/**
 * One supervisor.getProcessInfo struct, as the engine sees the process at {@code now}.
 * Times are epoch seconds (0 = never). Log files are "" when there is none. {@code statusText} is
 * what a {@code ready=notify} program last sent as {@code STATUS=} ("" for others).
 */
public record ProcessInfo(
        String name,
        String group,
        long start,
        long stop,
        long now,
        ProcessState state,
        String spawnerr,
        int exitstatus,
        String stdoutLogfile,
        String stderrLogfile,
        int pid,
        String statusText) {

    public ProcessInfo {
        statusText = statusText == null ? "" : statusText;
    }

    public ProcessInfo(String name, String group, long start, long stop, long now, ProcessState state, String spawnerr,
            int exitstatus, String stdoutLogfile, String stderrLogfile, int pid) {
        this(name, group, start, stop, now, state, spawnerr, exitstatus, stdoutLogfile, stderrLogfile, pid, "");
    }

    /** The namespec supervisorctl shows: {@code name} when name equals group, else {@code group:name}. */
    public String namespec() {
        return name.equals(group) ? name : group + ":" + name;
    }
}
