package steward.agent.it;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What one client printed for each command of a script, masked so two daemons can be compared:
 * pids, uptimes, dates and times, AUTO log suffixes, the temporary directory and the version.
 */
final class Transcript {
    /** One command and what it printed and returned. */
    record Entry(String command, String out, String err, int exit) {
        @Override
        public String toString() {
            return "$ " + command + "  [exit " + exit + "]\n" + out + (err.isEmpty() ? "" : "stderr: " + err);
        }
    }

    private static final List<Mask> MASKS = List.of(
            new Mask("---supervisor-[A-Za-z0-9_]{8}\\.log", "---supervisor-<RND>.log"),
            new Mask("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3}", "<TIME>"),
            new Mask("[A-Z][a-z]{2} \\d\\d \\d\\d:\\d\\d [AP]M", "<DATE>"),
            new Mask("uptime (\\d+ days?, )?\\d+:\\d\\d:\\d\\d", "uptime <UP>"),
            new Mask("pid \\d+", "pid <PID>"),
            new Mask("(?m)^\\d+$", "<PID>"));
    /** Results in completion order: supervisord itself varies from run to run (measured for each). */
    private static final List<String> SORTED = List.of("stop all", "start all", "restart all", "stop grp:*",
            "start grp:*");

    private record Mask(Pattern pattern, String replacement) {
        Mask(String regex, String replacement) {
            this(Pattern.compile(regex), replacement);
        }

        String apply(String s) {
            return pattern.matcher(s).replaceAll(replacement);
        }
    }

    private final String dir;
    private final List<Entry> entries = new ArrayList<>();

    /** A transcript whose temporary directory {@code dir} is masked as {@code <DIR>}. */
    Transcript(String dir) {
        this.dir = dir;
    }

    void add(Entry e) {
        entries.add(e);
    }

    /** The entries, masked. */
    List<Entry> masked() {
        return entries.stream().map(this::mask).toList();
    }

    private Entry mask(Entry e) {
        String out = e.command().equals("version") ? "<VERSION>\n" : mask(e.out());
        if (SORTED.contains(e.command())) {
            out = Arrays.stream(out.split("\n")).sorted().map(l -> l + "\n").collect(Collectors.joining());
        }
        return new Entry(e.command(), out, mask(e.err()), e.exit());
    }

    private String mask(String s) {
        String m = s.replace(dir, "<DIR>");
        for (Mask mask : MASKS) {
            m = mask.apply(m);
        }
        return m;
    }
}
