package steward.agent.supervision;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import steward.compat.api.ProcessRef;
import steward.compat.api.ProcessState;
import steward.compat.config.ProcessConfig;

/**
 * {@code depends_on} as a start gate: a process may start on its own only when every process of
 * every program or group it names is RUNNING (which, with a {@code ready=} check, means ready). A
 * dependency that is FATAL says so as the waiting process' spawnerr. Names not active (a group
 * removed by {@code update}) do not hold anything back.
 */
final class Dependencies {
    private Dependencies() {
    }

    /** Why {@code config} cannot start yet, or "" when it may. */
    static String blocker(ProcessConfig config, Map<ProcessRef, ProcessConfig> active, Map<ProcessRef, ProcessState> states) {
        List<String> waiting = new ArrayList<>();
        for (String dep : config.container().dependsOn()) {
            for (var e : active.entrySet()) {
                ProcessRef ref = e.getKey();
                if (!ref.group().equals(dep) && !e.getValue().programName().equals(dep)) {
                    continue;
                }
                ProcessState s = states.getOrDefault(ref, ProcessState.STOPPED);
                if (s == ProcessState.FATAL) {
                    return "dependency " + ref.namespec() + " is FATAL";
                }
                if (s != ProcessState.RUNNING && !waiting.contains(ref.namespec())) {
                    waiting.add(ref.namespec());
                }
            }
        }
        return waiting.isEmpty() ? "" : "waiting for " + String.join(", ", waiting) + " to be ready";
    }
}
