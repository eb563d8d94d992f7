package steward.agent.logs;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import steward.compat.config.LogLevel;

/**
 * A line of the agent's own log ({@code 2026-12-05 07:50:37,498 ERRO text}) or of the cron log
 * ({@code 2026-12-05 07:50:37,498 [line 2] text}) split into its level (Supervisor's name:
 * {@code error}, {@code warn}, {@code info}…; empty for cron's lines, which have none) and its text
 * without the stamp, for the JSON records that carry the time and the level as fields. A line
 * without a stamp (a continuation of a multi-line message) is all text.
 */
public record StampedLine(Optional<String> level, String text) {
    private static final Pattern STAMP = Pattern.compile("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3} (?:([A-Z]{4}) )?(.*)$",
            Pattern.DOTALL);

    public static StampedLine parse(String line) {
        Matcher m = STAMP.matcher(line);
        if (!m.matches()) {
            return new StampedLine(Optional.empty(), line);
        }
        if (m.group(1) == null) {
            return new StampedLine(Optional.empty(), m.group(2));
        }
        try {
            return new StampedLine(Optional.of(name(LogLevel.valueOf(m.group(1)))), m.group(2));
        } catch (IllegalArgumentException e) {
            return new StampedLine(Optional.empty(), m.group(1) + " " + m.group(2));
        }
    }

    /** The name Supervisor's {@code loglevel=} takes for {@code level}. */
    static String name(LogLevel level) {
        return switch (level) {
            case CRIT -> "critical";
            case ERRO -> "error";
            case DEBG -> "debug";
            case TRAC -> "trace";
            case BLAT -> "blather";
            default -> level.name().toLowerCase(Locale.ROOT);
        };
    }
}
