package steward.compat.config;

import java.util.List;

/**
 * A process group: a {@code [program:x]} (its numprocs instances, the "homogeneous group") or a
 * {@code [group:x]} gathering programs. Equality is the "changed" test of a config re-read.
 *
 * @param processes sorted by process priority, then name
 */
public record GroupConfig(String name, int priority, List<ProcessConfig> processes) {
    public GroupConfig {
        processes = List.copyOf(processes);
    }
}
