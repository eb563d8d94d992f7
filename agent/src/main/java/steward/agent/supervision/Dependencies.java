package steward.agent.supervision;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import steward.compat.api.ProcessRef;
import steward.compat.api.ProcessState;
import steward.compat.config.GroupConfig;
import steward.compat.config.ProcessConfig;

/**
 * {@code depends_on} as a start gate: a process may start on its own only when every process of
 * every program or group it names is RUNNING (which, with a {@code ready=} check, means ready). A
 * dependency that is FATAL says so as the waiting process' spawnerr. A name configured but not
 * active yet (a redeploy adds groups one by one) holds it back; one no longer configured (removed by
 * {@code update}) does not.
 */
final class Dependencies {
    private Dependencies() {
    }

    /** Why {@code config} cannot start yet, or "" when it may. */
    static String blocker(ProcessConfig config, Map<ProcessRef, ProcessConfig> active, Map<ProcessRef, ProcessState> states,
            List<GroupConfig> configured) {
        List<String> waiting = new ArrayList<>();
        for (String dep : config.container().dependsOn()) {
            boolean found = false;
            for (var e : active.entrySet()) {
                ProcessRef ref = e.getKey();
                if (!ref.group().equals(dep) && !e.getValue().programName().equals(dep)) {
                    continue;
                }
                found = true;
                ProcessState s = states.getOrDefault(ref, ProcessState.STOPPED);
                if (s == ProcessState.FATAL) {
                    return "dependency " + ref.namespec() + " is FATAL";
                }
                if (s != ProcessState.RUNNING && !waiting.contains(ref.namespec())) {
                    waiting.add(ref.namespec());
                }
            }
            if (!found && configured.stream().anyMatch(g -> g.name().equals(dep)
                    || g.processes().stream().anyMatch(p -> p.programName().equals(dep)))) {
                waiting.add(dep);
            }
        }
        return waiting.isEmpty() ? "" : "waiting for " + String.join(", ", waiting) + " to be ready";
    }
}
