package steward.agent.engine;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import steward.compat.config.GroupConfig;

/** An active group: its configuration and one runner per process, in start order. */
final class ProcessGroup {
    private final GroupConfig config;
    private final Map<String, ProcessRunner> runners = new LinkedHashMap<>();

    ProcessGroup(GroupConfig config) {
        this.config = config;
    }

    void add(ProcessRunner runner) {
        runners.put(runner.ref().name(), runner);
    }

    GroupConfig config() {
        return config;
    }

    String name() {
        return config.name();
    }

    int priority() {
        return config.priority();
    }

    Collection<ProcessRunner> runners() {
        return runners.values();
    }

    Optional<ProcessRunner> runner(String name) {
        return Optional.ofNullable(runners.get(name));
    }

    boolean allStopped() {
        return runners.values().stream().allMatch(r -> r.state().isStopped());
    }
}
