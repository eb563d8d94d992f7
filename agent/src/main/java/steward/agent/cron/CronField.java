package steward.agent.cron;

import java.util.List;
import java.util.Locale;

/**
 * One of the five time fields, parsed as cronie's {@code get_list}: a comma list of {@code *},
 * {@code N}, {@code N-M}, each range or {@code *} optionally followed by {@code /STEP}; names
 * ({@code jan}, {@code mon}, any case) wherever a number may stand except in a step. A single
 * number cannot take a step ({@code 5/10} is an error in cronie too).
 */
enum CronField {
    MINUTE("minute", 0, 59, List.of()),
    HOUR("hour", 0, 23, List.of()),
    DAY_OF_MONTH("day-of-month", 1, 31, List.of()),
    MONTH("month", 1, 12, List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")),
    DAY_OF_WEEK("day-of-week", 0, 7, List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat"));

    private final String label;
    private final int low;
    private final int high;
    private final List<String> names;

    CronField(String label, int low, int high, List<String> names) {
        this.label = label;
        this.low = low;
        this.high = high;
        this.names = names;
    }

    /** Thrown with cronie's "bad minute" style reason plus what was wrong. */
    static final class BadField extends Exception {
        BadField(String message) {
            super(message, null, false, false);
        }
    }

    /** The set bits, bit {@code n} for value {@code n}; day-of-week 7 is folded onto 0 (Sunday). */
    long parse(String text) throws BadField {
        long bits = 0;
        for (String part : text.split(",", -1)) {
            bits |= range(part, text);
        }
        if (this == DAY_OF_WEEK && (bits & (1L << 7)) != 0) {
            bits = (bits | 1L) & ~(1L << 7);
        }
        return bits;
    }

    private long range(String part, String whole) throws BadField {
        String body = part;
        int step = 1;
        int slash = part.indexOf('/');
        if (slash >= 0) {
            body = part.substring(0, slash);
            String s = part.substring(slash + 1);
            if (!s.matches("\\d{1,3}") || Integer.parseInt(s) == 0) {
                throw bad(whole, "bad step \"" + s + "\"");
            }
            step = Integer.parseInt(s);
        }
        int from;
        int to;
        if (body.equals("*")) {
            from = low;
            to = high;
        } else {
            int dash = body.indexOf('-');
            if (dash < 0) {
                if (slash >= 0) {
                    throw bad(whole, "a step needs a range or * (\"" + part + "\")");
                }
                from = number(body, whole);
                to = from;
            } else {
                from = number(body.substring(0, dash), whole);
                to = number(body.substring(dash + 1), whole);
                if (from > to) {
                    throw bad(whole, "range " + body + " runs backwards");
                }
            }
        }
        long bits = 0;
        for (int i = from; i <= to; i += step) {
            bits |= 1L << i;
        }
        return bits;
    }

    private int number(String s, String whole) throws BadField {
        int n;
        if (s.matches("\\d{1,3}")) {
            n = Integer.parseInt(s);
        } else {
            n = names.indexOf(s.toLowerCase(Locale.ROOT));
            if (n < 0 || s.length() != 3) {
                throw bad(whole, "\"" + s + "\" is not a number" + (names.isEmpty() ? "" : " or a name"));
            }
            n += low;
        }
        if (n < low || n > high) {
            throw bad(whole, n + " is out of range " + low + "-" + high);
        }
        return n;
    }

    private BadField bad(String whole, String why) {
        return new BadField("bad " + label + " \"" + whole + "\": " + why);
    }
}
