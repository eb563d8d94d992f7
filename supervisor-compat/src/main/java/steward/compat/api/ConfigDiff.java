package steward.compat.api;

import java.util.List;

/** What supervisor.reloadConfig reports: group names added, changed and removed by a re-read. */
public record ConfigDiff(List<String> added, List<String> changed, List<String> removed) {
    public ConfigDiff {
        added = List.copyOf(added);
        changed = List.copyOf(changed);
        removed = List.copyOf(removed);
    }

    public boolean isEmpty() {
        return added.isEmpty() && changed.isEmpty() && removed.isEmpty();
    }
}
