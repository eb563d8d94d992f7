package steward.builder.program;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Line-level facts about supervisord's INI dialect that the builder needs. */
final class Ini {
    static final Pattern SECTION = Pattern.compile("^\\s*\\[([^\\]]+)\\]\\s*(?:[;#].*)?$");
    static final Pattern KEY = Pattern.compile("^([A-Za-z0-9_.]+)\\s*[=:]\\s?(.*)$");

    private Ini() {
    }

    /** supervisord expands %(name)s in values; a literal % is written %%. */
    static String escapePercent(String s) {
        return s.replace("%", "%%");
    }

    /** The section name of a header line, or null. */
    static String section(String line) {
        Matcher m = SECTION.matcher(line);
        return m.matches() ? m.group(1).trim() : null;
    }

    /** True for a value's continuation line (indented, non-blank). */
    static boolean continuation(String line) {
        return !line.isBlank() && Character.isWhitespace(line.charAt(0));
    }

    static boolean comment(String line) {
        String t = line.trim();
        return t.startsWith(";") || t.startsWith("#");
    }

    /** Strips an inline comment (" ;" as Python's ConfigParser does) and surrounding blanks. */
    static String value(String raw) {
        int i = raw.indexOf(" ;");
        return (i >= 0 ? raw.substring(0, i) : raw).trim();
    }
}
