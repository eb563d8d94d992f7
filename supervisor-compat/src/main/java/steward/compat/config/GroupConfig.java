package steward.compat.config;

import java.util.List;

/**
 * A process group: a {@code [program:x]} (its numprocs instances, the "homogeneous group"), a
 * {@code [group:x]} gathering programs, an {@code [eventlistener:x]} pool or an
 * {@code [fcgi-program:x]}. Equality is the "changed" test of a config re-read.
 *
 * @param processes sorted by process priority, then name
 * @param kind plain programs, a listener pool or a FastCGI program, with their own settings
 */
public record GroupConfig(String name, int priority, List<ProcessConfig> processes, GroupKind kind) {
    public GroupConfig {
        processes = List.copyOf(processes);
    }

    /** A group of plain programs. */
    public GroupConfig(String name, int priority, List<ProcessConfig> processes) {
        this(name, priority, processes, GroupKind.PROGRAMS);
    }
}
