package steward.agent.logs;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import steward.compat.json.JsonWriter;

/**
 * One log record as {@code steward run --log-stdout} and {@code steward logs} print it: text is
 * {@code SOURCE | line} (stderr records as {@code SOURCE_error}, the program's error log name);
 * json is {@code {"ts","source","stream","line"}} with an ISO-8601 UTC time.
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
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ts", ts.toString());
        m.put("source", source);
        m.put("stream", stream);
        m.put("line", line);
        return JsonWriter.write(m) + "\n";
    }

    /** A file label of {@code steward logs} ({@code web_error}) → (source, stream). */
    public static String[] sourceAndStream(String label) {
        return label.endsWith("_error") ? new String[] {label.substring(0, label.length() - 6), "stderr"}
                : new String[] {label, "stdout"};
    }
}
