package steward.compat.api;

/**
 * One supervisor.getProcessInfo struct, as the engine sees the process at {@code now}.
 * Times are epoch seconds (0 = never). Log files are "" when there is none.
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
        int pid) {

    /** The namespec supervisorctl shows: {@code name} when name equals group, else {@code group:name}. */
    public String namespec() {
        return name.equals(group) ? name : group + ":" + name;
    }
}
