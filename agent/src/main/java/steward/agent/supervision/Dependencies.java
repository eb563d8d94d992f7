package steward.agent.supervision;

import java.util.ArrayList;
import java.util.List;
import steward.compat.api.EngineView;
import steward.compat.api.ProcessRef;
import steward.compat.api.ProcessView;
import steward.compat.api.ProcessState;
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

    /** Why {@code config} cannot start yet in {@code view}, or "" when it may. */
    static String blocker(ProcessConfig config, EngineView view) {
        List<String> waiting = new ArrayList<>();
        for (String dep : config.container().dependsOn()) {
            boolean found = false;
            for (ProcessView p : (Iterable<ProcessView>) view.processes()::iterator) {
                ProcessRef ref = p.ref();
                if (!ref.group().equals(dep) && !p.config().programName().equals(dep)) {
                    continue;
                }
                found = true;
                if (p.state() == ProcessState.FATAL) {
                    return "dependency " + ref.namespec() + " is FATAL";
                }
                if (p.state() != ProcessState.RUNNING && !waiting.contains(ref.namespec())) {
                    waiting.add(ref.namespec());
                }
            }
            if (!found && view.configured().stream().anyMatch(g -> g.name().equals(dep)
                    || g.processes().stream().anyMatch(p -> p.programName().equals(dep)))) {
                waiting.add(dep);
            }
        }
        return waiting.isEmpty() ? "" : "waiting for " + String.join(", ", waiting) + " to be ready";
    }
}
