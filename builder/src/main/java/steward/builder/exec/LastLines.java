package steward.builder.exec;

import java.util.ArrayDeque;
import java.util.List;

/** A bounded, thread-safe buffer of the last lines a command printed, kept for error reports. */
public final class LastLines {
    private final int capacity;
    private final ArrayDeque<String> lines;

    public LastLines(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
        this.lines = new ArrayDeque<>(capacity);
    }

    public synchronized void add(String line) {
        if (lines.size() == capacity) {
            lines.removeFirst();
        }
        lines.addLast(line);
    }

    public synchronized List<String> snapshot() {
        return List.copyOf(lines);
    }
}
