package steward.agent.container;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The last lines of several logs as one history, oldest first, as {@code steward logs -n} prints it
 * before following. A line of the agent's or cron's log is placed at its own stamp (Supervisor's
 * {@code 2026-12-05 07:50:37,498}, local time; a line without one, the rest of a multi-line
 * message, goes with the line before). A program's lines carry no time of their own: they are
 * placed at the time their file was last written, the time of its last line, keeping their order.
 * Lines at the same time keep the order the logs were given in.
 */
final class MergedHistory {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");

    /** One log's last lines: {@code stamped} when each line starts with its stamp, else all at {@code modifiedMillis}. */
    record Log(String label, List<String> lines, boolean stamped, long modifiedMillis) {
    }

    /** A line and its source. */
    record Entry(String label, String line) {
    }

    private record Timed(long millis, int order, Entry entry) {
    }

    private MergedHistory() {
    }

    static List<Entry> merge(List<Log> logs, ZoneId zone) {
        List<Timed> all = new ArrayList<>();
        for (Log log : logs) {
            long at = log.stamped() ? Long.MIN_VALUE : log.modifiedMillis();
            for (String line : log.lines()) {
                if (log.stamped()) {
                    long stamp = stamp(line, zone);
                    at = stamp != Long.MIN_VALUE ? stamp : at;
                }
                all.add(new Timed(at, all.size(), new Entry(log.label(), line)));
            }
        }
        all.sort(Comparator.comparingLong(Timed::millis).thenComparingInt(Timed::order));
        return all.stream().map(Timed::entry).toList();
    }

    /** The epoch millis of the line's leading stamp, or {@code Long.MIN_VALUE}. */
    static long stamp(String line, ZoneId zone) {
        if (line.length() < 23) {
            return Long.MIN_VALUE;
        }
        try {
            return LocalDateTime.parse(line.substring(0, 23), STAMP).atZone(zone).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            return Long.MIN_VALUE;
        }
    }
}
