package steward.compat.time;

import java.util.TimeZone;

/**
 * The three time formats Supervisor users see, written by hand: java.time's formatters load about
 * ninety classes into every daemon for three fixed patterns. Local time follows the JVM's default
 * zone (TZ), as Python's time.localtime does.
 */
public final class Stamps {
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
        "Nov", "Dec"};
    private static final String[] DAYS = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};

    private Stamps() {
    }

    /** The daemon log's stamp: {@code 2026-11-23 18:46:25,123} in local time. */
    public static String logStamp(long epochMillis) {
        long local = epochMillis + TimeZone.getDefault().getOffset(epochMillis);
        long days = Math.floorDiv(local, 86_400_000L);
        long ms = Math.floorMod(local, 86_400_000L);
        int[] ymd = civil(days);
        StringBuilder b = new StringBuilder(23);
        b.append(ymd[0]).append('-');
        two(b, ymd[1]).append('-');
        two(b, ymd[2]).append(' ');
        two(b, (int) (ms / 3_600_000)).append(':');
        two(b, (int) (ms / 60_000 % 60)).append(':');
        two(b, (int) (ms / 1000 % 60)).append(',');
        int milli = (int) (ms % 1000);
        if (milli < 100) {
            b.append('0');
        }
        return two(b, milli).toString();
    }

    /** Supervisor's stop time in descriptions, strftime {@code %b %d %I:%M %p} in local time: {@code Nov 23 12:05 AM}. */
    public static String stopTime(long epochSeconds) {
        return stopTime(epochSeconds, TimeZone.getDefault());
    }

    /** As {@link #stopTime(long)} in {@code zone}. */
    public static String stopTime(long epochSeconds, TimeZone zone) {
        long millis = epochSeconds * 1000;
        long local = millis + zone.getOffset(millis);
        long days = Math.floorDiv(local, 86_400_000L);
        long secs = Math.floorMod(local, 86_400_000L) / 1000;
        int[] ymd = civil(days);
        int hour = (int) (secs / 3600);
        int h12 = hour % 12 == 0 ? 12 : hour % 12;
        StringBuilder b = new StringBuilder(16).append(MONTHS[ymd[1] - 1]).append(' ');
        two(b, ymd[2]).append(' ');
        two(b, h12).append(':');
        two(b, (int) (secs / 60 % 60)).append(' ').append(hour < 12 ? "AM" : "PM");
        return b.toString();
    }

    /** An HTTP date (RFC 7231 IMF-fixdate, GMT): {@code Mon, 23 Nov 2026 00:06:15 GMT}. */
    public static String httpDate(long epochMillis) {
        long days = Math.floorDiv(epochMillis, 86_400_000L);
        long secs = Math.floorMod(epochMillis, 86_400_000L) / 1000;
        int[] ymd = civil(days);
        StringBuilder b = new StringBuilder(29).append(DAYS[(int) Math.floorMod(days, 7L)]).append(", ");
        two(b, ymd[2]).append(' ').append(MONTHS[ymd[1] - 1]).append(' ').append(ymd[0]).append(' ');
        two(b, (int) (secs / 3600)).append(':');
        two(b, (int) (secs / 60 % 60)).append(':');
        two(b, (int) (secs % 60)).append(" GMT");
        return b.toString();
    }

    private static StringBuilder two(StringBuilder b, int v) {
        if (v < 10) {
            b.append('0');
        }
        return b.append(v);
    }

    /** Year, month (1-12) and day of a count of days since 1970-01-01 (proleptic Gregorian). */
    static int[] civil(long days) {
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int day = (int) (doy - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        return new int[] {(int) year, month, day};
    }
}
