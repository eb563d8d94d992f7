package steward.agent.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import steward.compat.api.ProcessState;
import steward.compat.events.EngineEvent;
import steward.compat.events.EventSubscriber;

/** Records every state change (an on-loop subscriber), so a test can assert the sequence a process went through. */
final class RecordingListener implements EventSubscriber {
    private final List<String> events = new ArrayList<>();
    private final List<Long> times = new ArrayList<>();
    private final List<EngineEvent.Published> all = new ArrayList<>();

    @Override
    public synchronized void onEvent(EngineEvent.Published p) {
        all.add(p);
        if (p.event() instanceof EngineEvent.ProcessStateChanged c) {
            events.add(c.process().name() + ":" + c.to());
            times.add(System.nanoTime());
        }
    }

    /** Every event heard, in order. */
    synchronized List<EngineEvent.Published> all() {
        return new ArrayList<>(all);
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
