package steward.agent.cron;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Optional;

/**
 * A five-field line (or an {@code @hourly}-style nickname) evaluated as cronie does.
 *
 * <p>Day rule: when the day-of-month or the day-of-week field starts with {@code *} (so {@code *&#47;2}
 * counts as unrestricted) a day must match both; otherwise either. Time changes, per cronie's
 * {@code cron.c}: a <em>fixed-time</em> line (neither minute nor hour starts with {@code *}) whose
 * local time falls in a skipped hour runs once, when the clock jumps; in a repeated hour it runs only
 * the first time. A <em>wildcard</em> line skips the missing local times and runs in both copies of
 * a repeated hour.
 */
public record CronSchedule(String spec, long minutes, long hours, long daysOfMonth, long months, long daysOfWeek,
                           boolean domStar, boolean dowStar, boolean wildcard) implements Schedule {
    /** Far enough for any real match: Feb 29 on a given weekday repeats within 28 years. */
    private static final int SEARCH_DAYS = 366 * 29;
    /** Wider than any offset change a zone has made (Antarctica/Troll: 2 h). */
    private static final Duration DST_REACH = Duration.ofHours(3);

    /** Parses five fields; {@code spec} is kept for display. */
    static CronSchedule of(String spec, String[] f) throws CronField.BadField {
        long min = CronField.MINUTE.parse(f[0]);
        long hour = CronField.HOUR.parse(f[1]);
        long dom = CronField.DAY_OF_MONTH.parse(f[2]);
        long month = CronField.MONTH.parse(f[3]);
        long dow = CronField.DAY_OF_WEEK.parse(f[4]);
        return new CronSchedule(spec, min, hour, dom, month, dow, f[2].startsWith("*"), f[4].startsWith("*"),
                f[0].startsWith("*") || f[1].startsWith("*"));
    }

    /** A nickname: {@code @yearly}, {@code @annually}, {@code @monthly}, {@code @weekly}, {@code @daily}, {@code @midnight}, {@code @hourly}. */
    static Optional<CronSchedule> nickname(String name) {
        String fields = switch (name) {
            case "@yearly", "@annually" -> "0 0 1 1 *";
            case "@monthly" -> "0 0 1 * *";
            case "@weekly" -> "0 0 * * 0";
            case "@daily", "@midnight" -> "0 0 * * *";
            case "@hourly" -> "0 * * * *";
            default -> null;
        };
        if (fields == null) {
            return Optional.empty();
        }
        try {
            CronSchedule s = of(name, fields.split(" "));
            return Optional.of(s);
        } catch (CronField.BadField e) {
            throw new IllegalStateException(e);
        }
    }

    boolean matchesDate(LocalDate d) {
        if (!bit(months, d.getMonthValue())) {
            return false;
        }
        boolean dom = bit(daysOfMonth, d.getDayOfMonth());
        boolean dow = bit(daysOfWeek, d.getDayOfWeek().getValue() % 7);
        return domStar || dowStar ? dom && dow : dom || dow;
    }

    /** The first matching local minute at or after {@code from} (seconds ignored), or null. */
    LocalDateTime nextLocal(LocalDateTime from) {
        LocalDate date = from.toLocalDate();
        int h = from.getHour();
        int m = from.getMinute();
        for (int i = 0; i < SEARCH_DAYS; i++, date = date.plusDays(1), h = 0, m = 0) {
            if (!matchesDate(date)) {
                continue;
            }
            for (int hour = nextBit(hours, h); hour >= 0 && hour < 24; hour = nextBit(hours, hour + 1)) {
                int minute = nextBit(minutes, hour == h ? m : 0);
                if (minute >= 0 && minute < 60) {
                    return date.atTime(hour, minute);
                }
            }
        }
        return null;
    }

    @Override
    public Optional<ZonedDateTime> next(ZonedDateTime after) {
        ZoneId zone = after.getZone();
        ZoneRules rules = zone.getRules();
        Instant a = after.toInstant();
        LocalDateTime local = after.toLocalDateTime().truncatedTo(ChronoUnit.MINUTES);
        LocalDateTime first = nextLocal(local.plusMinutes(1));
        if (first == null) {
            return Optional.empty();
        }
        ZoneOffsetTransition t = rules.nextTransition(a.minus(DST_REACH));
        Instant firstAt = first.atZone(zone).toInstant();
        if (t == null || t.getInstant().isAfter(firstAt.plus(DST_REACH))) {
            return Optional.of(firstAt.atZone(zone));
        }
        return nearTransition(a, local, zone);
    }

    /** The general case: local minutes map to zero, one or two instants; take the least one after {@code a}. */
    private Optional<ZonedDateTime> nearTransition(Instant a, LocalDateTime local, ZoneId zone) {
        Instant best = null;
        LocalDateTime stopAfter = null;
        for (LocalDateTime l = nextLocal(local.minus(DST_REACH)); l != null; l = nextLocal(l.plusMinutes(1))) {
            if (stopAfter != null && l.isAfter(stopAfter)) {
                break;
            }
            for (Instant i : instants(l, zone)) {
                if (i.isAfter(a) && (best == null || i.isBefore(best))) {
                    best = i;
                    stopAfter = LocalDateTime.ofInstant(best, zone).plus(DST_REACH);
                }
            }
        }
        return Optional.ofNullable(best).map(i -> i.atZone(zone));
    }

    /** When local minute {@code l} fires: once normally; in a gap once at the jump (fixed-time) or never; in an overlap once (fixed-time) or twice. */
    private List<Instant> instants(LocalDateTime l, ZoneId zone) {
        ZoneRules rules = zone.getRules();
        List<ZoneOffset> offsets = rules.getValidOffsets(l);
        if (offsets.size() == 1) {
            return List.of(l.toInstant(offsets.get(0)));
        }
        if (offsets.isEmpty()) {
            return wildcard ? List.of() : List.of(rules.getTransition(l).getInstant());
        }
        Instant x = l.toInstant(offsets.get(0));
        Instant y = l.toInstant(offsets.get(1));
        Instant earlier = x.isBefore(y) ? x : y;
        return wildcard ? List.of(x, y) : List.of(earlier);
    }

    private static boolean bit(long bits, int n) {
        return (bits & (1L << n)) != 0;
    }

    /** The lowest set bit at or above {@code from}, or -1. */
    private static int nextBit(long bits, int from) {
        if (from >= 64) {
            return -1;
        }
        long rest = bits & (-1L << from);
        return rest == 0 ? -1 : Long.numberOfTrailingZeros(rest);
    }

}
