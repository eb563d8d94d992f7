package steward.builder.manifest;

import java.util.List;
import java.util.Optional;

/**
 * "Did you mean …?" for a misspelled key of {@code dotcloud.yml}: the known key nearest to it
 * (Damerau-Levenshtein distance: a swap of two neighbours counts once), when it is at most 2 edits
 * away and at most a third of the key's length. {@link #SERVICE} are the keys
 * {@link ServiceReader} takes; {@link #CONFIG} the {@code config:} keys the builder's types and
 * stacks read (a test keeps both lists equal to what the code reads).
 */
public final class KeyHints {
    /** The service keys ServiceReader's switch takes. */
    public static final List<String> SERVICE = List.of("type", "approot", "config", "environment", "ports", "prebuild",
            "postbuild", "postinstall", "buildscript", "process", "processes", "systempackages", "requirements", "instances",
            "exclude_bundler_groups", "ruby_version");
    /** The {@code config:} keys some type or stack reads. */
    public static final List<String> CONFIG = List.of("node_version", "python_version", "ruby-version", "perl_version",
            "rack-env", "cron_cluster", "uwsgi_processes", "uwsgi_buffer_size", "uwsgi_harakiri", "uwsgi_enable_threads",
            "uwsgi_single_interpreter", "uwsgi_memory_report", "php_max_children");

    private KeyHints() {
    }

    /** The known key nearest to {@code key}, if one is close enough to be a typo of it. */
    public static Optional<String> nearest(String key, List<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(key.toLowerCase(java.util.Locale.ROOT), k);
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        boolean close = bestDistance > 0 && bestDistance <= 2 && bestDistance * 3 <= key.length();
        return close ? Optional.of(best) : Optional.empty();
    }

    /** {@code ; did you mean `processes`?}, or "" when no known key is near. */
    static String hint(String key, List<String> known) {
        return nearest(key, known).map(k -> "; did you mean `" + k + "`?").orElse("");
    }

    /** Optimal string alignment distance (insertions, deletions, substitutions, adjacent swaps). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
