package steward.builder.release;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rsync exclude subset Steward honours for {@code .dotcloudignore} (one pattern a line):
 * <ul>
 * <li>blank lines and lines starting with {@code #} are skipped; a leading {@code - } is allowed;</li>
 * <li>{@code *} matches within one path segment, {@code ?} one character, {@code **} across segments,
 *     {@code [abc]} a character class;</li>
 * <li>a pattern without {@code /} matches the last segment at any depth ({@code *.log});</li>
 * <li>a leading {@code /} anchors it at the tree root ({@code /build});</li>
 * <li>a pattern with an inner {@code /} matches the path from the root ({@code docs/*.tmp});</li>
 * <li>a trailing {@code /} matches directories only.</li>
 * </ul>
 * Not supported: {@code +} includes, {@code !}, and rsync's per-directory merge rules.
 * An excluded directory is skipped with all it holds.
 */
public final class IgnorePatterns {
    /** What every push skips, as rsync's {@code --exclude} list in the dotCloud CLI. */
    public static final List<String> ALWAYS = List.of(".git", ".hg", "*.pyc");

    private record Rule(Pattern regex, boolean anchored, boolean dirOnly) {
    }

    private final List<Rule> rules;

    private IgnorePatterns(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static IgnorePatterns of(List<String> lines) {
        List<Rule> rules = new ArrayList<>();
        for (String raw : lines) {
            String p = raw.strip();
            if (p.isEmpty() || p.startsWith("#")) {
                continue;
            }
            if (p.startsWith("- ")) {
                p = p.substring(2).strip();
            }
            boolean dirOnly = p.endsWith("/");
            if (dirOnly) {
                p = p.substring(0, p.length() - 1);
            }
            boolean anchored = p.contains("/");
            if (p.startsWith("/")) {
                p = p.substring(1);
            }
            if (!p.isEmpty()) {
                rules.add(new Rule(Pattern.compile(toRegex(p)), anchored, dirOnly));
            }
        }
        return new IgnorePatterns(rules);
    }

    /** @param relative the path from the tree root with {@code /} separators */
    public boolean excludes(String relative, boolean directory) {
        String name = relative.substring(relative.lastIndexOf('/') + 1);
        for (Rule r : rules) {
            if (r.dirOnly && !directory) {
                continue;
            }
            if (r.regex.matcher(r.anchored ? relative : name).matches()) {
                return true;
            }
        }
        return false;
    }

    static String toRegex(String glob) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                sb.append(".*");
                i++;
            } else if (c == '*') {
                sb.append("[^/]*");
            } else if (c == '?') {
                sb.append("[^/]");
            } else if (c == '[') {
                int end = glob.indexOf(']', i + 1);
                if (end < 0) {
                    sb.append("\\[");
                } else {
                    String cls = glob.substring(i + 1, end).replace("\\", "\\\\");
                    sb.append('[').append(cls.startsWith("!") ? "^" + cls.substring(1) : cls).append(']');
                    i = end;
                }
            } else {
                sb.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return sb.toString();
    }
}
