package steward.agent.engine;

import steward.compat.api.ProcessRef;
import steward.compat.api.ProcessState;

/** Hears every process state change, on the engine thread, never under a lock. */
public interface EngineListener {
    EngineListener NONE = (ref, from, to) -> { };

    void stateChanged(ProcessRef process, ProcessState from, ProcessState to);
}
