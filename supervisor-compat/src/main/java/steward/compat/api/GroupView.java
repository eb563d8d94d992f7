package steward.compat.api;

import java.util.List;
import java.util.Optional;
import steward.compat.config.GroupConfig;

/**
 * An active group in an {@link EngineView}: its configuration and its processes, sorted by name.
 */
public record GroupView(GroupConfig config, List<ProcessView> processes) {

    public GroupView {
        processes = List.copyOf(processes);
    }

    public String name() {
        return config.name();
    }

    /** Where the group {@code name} is in {@code sorted} (groups sorted by name, as a view holds them), or -1. */
    public static int indexOf(List<GroupView> sorted, String name) {
        int lo = 0;
        int hi = sorted.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = sorted.get(mid).name().compareTo(name);
            if (c == 0) {
                return mid;
            }
            if (c < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return -1;
    }

    /** The group's priority ([group:x] priority, or its program's). */
    public int priority() {
        return config.priority();
    }

    /** The process of that name. */
    public Optional<ProcessView> process(String name) {
        for (ProcessView p : processes) {
            if (p.name().equals(name)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** True when every process is in a stopped state (STOPPED, EXITED, FATAL, UNKNOWN). */
    public boolean allStopped() {
        return processes.stream().allMatch(p -> p.state().isStopped());
    }
}
