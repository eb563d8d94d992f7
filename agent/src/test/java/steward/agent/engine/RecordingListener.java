package steward.agent.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import steward.compat.api.ProcessRef;
import steward.compat.api.ProcessState;

/** Records every state change, so a test can assert the sequence a process went through. */
final class RecordingListener implements EngineListener {
    private final List<String> events = new ArrayList<>();
    private final List<Long> times = new ArrayList<>();

    @Override
    public synchronized void stateChanged(ProcessRef process, ProcessState from, ProcessState to) {
        events.add(process.name() + ":" + to);
        times.add(System.nanoTime());
    }

    /** The states {@code name} entered, in order. */
    synchronized List<ProcessState> states(String name) {
        return events.stream().filter(e -> e.startsWith(name + ":"))
                .map(e -> ProcessState.valueOf(e.substring(name.length() + 1))).collect(Collectors.toList());
    }

    /** Monotonic nanos of each time {@code name} entered {@code state}. */
    synchronized List<Long> times(String name, ProcessState state) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).equals(name + ":" + state)) {
                out.add(times.get(i));
            }
        }
        return out;
    }

    synchronized long count(String name, ProcessState state) {
        return states(name).stream().filter(s -> s == state).count();
    }
}
