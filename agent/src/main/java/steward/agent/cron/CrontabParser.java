package steward.agent.cron;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Crontab text to {@link Crontab}, following cronie's user-crontab syntax: comments and blank lines,
 * {@code NAME=VALUE} lines (spaces around {@code =} and quotes around the value allowed), five fields
 * or an {@code @nickname}, then the command, in which an unescaped {@code %} starts stdin. Steward
 * adds {@code @every DURATION} and the {@code @overlap} prefix. A bad line is reported as
 * {@code FILE:LINE: reason} and skipped; the others load. Pure: no I/O, no clock, no Quartz.
 */
public final class CrontabParser {
    private static final Pattern ENV = Pattern.compile("\\s*([\"']?)([A-Za-z_][A-Za-z0-9_]*)\\1\\s*=\\s*(.*)");
    private static final Pattern TOKEN = Pattern.compile("\\S+");

    private CrontabParser() {
    }

    public static Crontab parse(String file, String text) {
        List<CronEntry> entries = new ArrayList<>();
        List<CrontabError> errors = new ArrayList<>();
        Map<String, String> env = new LinkedHashMap<>();
        Optional<ZoneId> zone = Optional.empty();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher m = ENV.matcher(lines[i]);
            if (m.matches()) {
                String name = m.group(2);
                String value = unquote(m.group(3).strip());
                if (name.equals("CRON_TZ")) {
                    try {
                        zone = Optional.of(ZoneId.of(value));
                    } catch (DateTimeException e) {
                        errors.add(new CrontabError(file, lineNo, "bad CRON_TZ \"" + value + "\": unknown time zone"));
                        continue;
                    }
                }
                env.put(name, value);
                continue;
            }
            try {
                entries.add(entry(lineNo, line, env, zone));
            } catch (BadLine e) {
                errors.add(new CrontabError(file, lineNo, e.getMessage()));
            }
        }
        return new Crontab(file, entries, errors, env);
    }

    private static final class BadLine extends Exception {
        BadLine(String message) {
            super(message, null, false, false);
        }
    }

    private static CronEntry entry(int lineNo, String line, Map<String, String> env, Optional<ZoneId> zone)
            throws BadLine {
        Matcher t = TOKEN.matcher(line);
        List<String> tokens = new ArrayList<>();
        List<Integer> ends = new ArrayList<>();
        boolean overlap = false;
        int fieldCount = -1;
        while (fieldCount < 0 || tokens.size() < fieldCount) {
            if (!t.find()) {
                throw new BadLine(tokens.isEmpty() ? "bad command" : "bad command: nothing to run after \""
                        + String.join(" ", tokens) + "\"");
            }
            String tok = t.group();
            if (tokens.isEmpty() && !overlap && tok.equals("@overlap")) {
                overlap = true;
                continue;
            }
            if (tokens.isEmpty() && tok.startsWith("-") && tok.length() > 1 && !overlap) {
                tok = tok.substring(1); // cronie's "-" prefix (do not syslog): accepted, nothing to do here
            }
            tokens.add(tok);
            ends.add(t.end());
            if (tokens.size() == 1) {
                fieldCount = tok.equals("@every") ? 2 : tok.startsWith("@") ? 1 : 5;
            }
        }
        Schedule schedule = schedule(tokens);
        String rest = line.substring(ends.get(ends.size() - 1)).strip();
        if (rest.isEmpty()) {
            throw new BadLine("bad command: nothing to run after \"" + String.join(" ", tokens) + "\"");
        }
        if (fieldCount == 5 && rest.startsWith("*")) {
            throw new BadLine("bad command \"" + rest + "\": a sixth time field? (cron has five: minute hour"
                    + " day-of-month month day-of-week)");
        }
        String[] cmd = splitPercent(rest);
        if (cmd[0].isBlank()) {
            throw new BadLine("bad command: empty before %");
        }
        return new CronEntry(lineNo, schedule, cmd[0], cmd[1], env, zone, overlap);
    }

    /** A schedule as {@link Schedule#spec()} writes it ({@code "@every 30s"}, {@code "0 3 * * *"}). */
    public static Schedule parseSchedule(String spec) {
        try {
            return schedule(List.of(spec.strip().split("\\s+")));
        } catch (BadLine e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    private static Schedule schedule(List<String> tokens) throws BadLine {
        String first = tokens.get(0);
        if (first.equals("@reboot")) {
            return new Schedule.Reboot();
        }
        if (first.equals("@every")) {
            try {
                return EverySchedule.parse(tokens.get(1));
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw new BadLine("bad time specifier \"@every " + tokens.get(1) + "\": " + e.getMessage());
            }
        }
        if (first.startsWith("@")) {
            return CronSchedule.nickname(first).orElseThrow(() -> new BadLine("bad time specifier \"" + first
                    + "\" (known: @reboot @yearly @annually @monthly @weekly @daily @midnight @hourly @every)"));
        }
        try {
            return CronSchedule.of(String.join(" ", tokens), tokens.toArray(new String[0]));
        } catch (CronField.BadField e) {
            throw new BadLine(e.getMessage());
        }
    }

    /** cronie: {@code \%} is a literal {@code %}; the first other {@code %} ends the command and the rest is stdin with {@code %} as newline. */
    static String[] splitPercent(String s) {
        StringBuilder cmd = new StringBuilder();
        int i = 0;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && s.charAt(i + 1) == '%') {
                cmd.append('%');
                i++;
            } else if (c == '%') {
                break;
            } else {
                cmd.append(c);
            }
        }
        if (i >= s.length()) {
            return new String[] {cmd.toString(), ""};
        }
        StringBuilder in = new StringBuilder();
        for (i++; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && s.charAt(i + 1) == '%') {
                in.append('%');
                i++;
            } else {
                in.append(c == '%' ? '\n' : c);
            }
        }
        in.append('\n');
        return new String[] {cmd.toString(), in.toString()};
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'') && v.charAt(v.length() - 1) == v.charAt(0)) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }
}
