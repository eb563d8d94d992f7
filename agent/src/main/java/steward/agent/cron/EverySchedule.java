package steward.agent.cron;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Steward's {@code @every 30s} / {@code @every 5m} / {@code @every 1h30m}: fires at every multiple of
 * the period since the Unix epoch, so that separate instances (and restarts) agree on the fire
 * times. Whole seconds, at least one.
 */
public record EverySchedule(long periodMillis, String spec) implements Schedule {
    private static final Pattern PART = Pattern.compile("(\\d{1,9})([smhd])");

    public EverySchedule {
        if (periodMillis < 1000 || periodMillis % 1000 != 0) {
            throw new IllegalArgumentException("period must be whole seconds, at least 1s");
        }
    }

    /** Parses the duration after {@code @every}: one or more number+unit parts, units s, m, h, d. */
    static EverySchedule parse(String duration) {
        Matcher m = PART.matcher(duration);
        long total = 0;
        int end = 0;
        while (m.find() && m.start() == end) {
            long n = Long.parseLong(m.group(1));
            long unit = switch (m.group(2)) {
                case "s" -> 1000L;
                case "m" -> 60_000L;
                case "h" -> 3_600_000L;
                default -> 86_400_000L;
            };
            total = Math.addExact(total, Math.multiplyExact(n, unit));
            end = m.end();
        }
        if (end == 0 || end != duration.length()) {
            throw new IllegalArgumentException("bad duration \"" + duration + "\" (e.g. 30s, 5m, 1h30m)");
        }
        if (total < 1000) {
            throw new IllegalArgumentException("@every needs at least 1s");
        }
        return new EverySchedule(total, "@every " + duration);
    }

    @Override
    public Optional<ZonedDateTime> next(ZonedDateTime after) {
        long ms = after.toInstant().toEpochMilli();
        long next = Math.floorDiv(ms, periodMillis) * periodMillis + periodMillis;
        return Optional.of(Instant.ofEpochMilli(next).atZone(after.getZone()));
    }
}
