package steward.agent.logs;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import steward.compat.json.JsonWriter;

/**
 * One log record as {@code steward run --log-stdout} and {@code steward logs} print it: text is
 * {@code SOURCE | line} (stderr records as {@code SOURCE_error}, the program's error log name);
 * json is {@code {"ts","source","stream","line"}} with an ISO-8601 UTC time; the agent's and cron's
 * own lines ({@link #formatStamped}) carry their level as {@code "level"} and no stamp in the text.
 */
public enum LogRecordFormat {
    TEXT, JSON;

    /** "text" or "json". */
    public static LogRecordFormat named(String name) {
        return switch (name) {
            case "text" -> TEXT;
            case "json" -> JSON;
            default -> throw new IllegalArgumentException("unknown log format '" + name + "' (text or json)");
        };
    }

    /** The record's line, newline included. */
    public String format(Instant ts, String source, String stream, String line) {
        if (this == TEXT) {
            return (stream.equals("stderr") ? source + "_error" : source) + " | " + line + "\n";
        }
        return json(ts, source, stream, null, line);
    }

    /**
     * A line of the agent's or cron's log, which starts with its own stamp (and level): text as
     * {@link #format}; json with the level as a field and the text after the stamp as the line.
     */
    public String formatStamped(Instant ts, String source, String stream, String line) {
        if (this == TEXT) {
            return format(ts, source, stream, line);
        }
        StampedLine s = StampedLine.parse(line);
        return json(ts, source, stream, s.level().orElse(null), s.text());
    }

    private static String json(Instant ts, String source, String stream, String level, String line) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ts", ts.toString());
        m.put("source", source);
        m.put("stream", stream);
        if (level != null) {
            m.put("level", level);
        }
        m.put("line", line);
        return JsonWriter.write(m) + "\n";
    }

    /** A file label of {@code steward logs} ({@code web_error}) → (source, stream). */
    public static String[] sourceAndStream(String label) {
        return label.endsWith("_error") ? new String[] {label.substring(0, label.length() - 6), "stderr"}
                : new String[] {label, "stdout"};
    }
}
