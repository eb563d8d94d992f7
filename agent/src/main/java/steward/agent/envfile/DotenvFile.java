package steward.agent.envfile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code environment_file=}: dotenv files, read at each start of a program. Lines are
 * {@code KEY=VALUE}, optionally after {@code export }; blank lines and {@code #} lines are skipped;
 * an unquoted value is trimmed and ends at {@code " #"}; {@code 'single'} quotes are literal;
 * {@code "double"} quotes take {@code \n \t \r \\ \" \$} escapes. No variable expansion. A later
 * file (and a later line) wins over an earlier one.
 */
public final class DotenvFile {
    /** A file that cannot be used; the message names its path (and line), as the spawn error shows it. */
    public static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    private DotenvFile() {
    }

    /** The variables of {@code files}, in order. */
    public static Map<String, String> read(List<Path> files) throws Unreadable {
        Map<String, String> out = new LinkedHashMap<>();
        for (Path f : files) {
            String text;
            try {
                text = Files.readString(f, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new Unreadable("environment_file " + f + ": no such file");
            } catch (AccessDeniedException e) {
                throw new Unreadable("environment_file " + f + ": permission denied");
            } catch (IOException e) {
                throw new Unreadable("environment_file " + f + ": " + e.getMessage());
            }
            parse(text, f.toString(), out);
        }
        return out;
    }

    /** Adds the variables of {@code text} (named {@code where} in errors) to {@code out}. */
    static void parse(String text, String where, Map<String, String> out) throws Unreadable {
        String[] lines = text.split("\r?\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (n == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1).strip();
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ") || line.startsWith("export\t")) {
                line = line.substring(7).strip();
            }
            int eq = line.indexOf('=');
            String key = eq < 0 ? line : line.substring(0, eq).strip();
            if (eq < 0 || !key.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new Unreadable(where + ":" + (n + 1) + ": expected KEY=VALUE, got " + quote(lines[n].strip()));
            }
            try {
                out.put(key, value(line.substring(eq + 1).strip()));
            } catch (IllegalArgumentException e) {
                throw new Unreadable(where + ":" + (n + 1) + ": " + key + ": " + e.getMessage());
            }
        }
    }

    private static String value(String v) {
        if (v.isEmpty()) {
            return v;
        }
        char q = v.charAt(0);
        if (q != '"' && q != '\'') {
            int comment = v.indexOf(" #");
            int tab = v.indexOf("\t#");
            int cut = comment < 0 ? tab : tab < 0 ? comment : Math.min(comment, tab);
            return cut < 0 ? v : v.substring(0, cut).strip();
        }
        StringBuilder b = new StringBuilder(v.length());
        int i = 1;
        for (; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == q) {
                break;
            }
            if (q == '"' && c == '\\' && i + 1 < v.length()) {
                char e = v.charAt(++i);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case '\\', '"', '$' -> b.append(e);
                    default -> b.append('\\').append(e);
                }
                continue;
            }
            b.append(c);
        }
        if (i >= v.length()) {
            throw new IllegalArgumentException("unterminated " + q + " quote");
        }
        String rest = v.substring(i + 1).strip();
        if (!rest.isEmpty() && !rest.startsWith("#")) {
            throw new IllegalArgumentException("unexpected text after the closing quote: " + quote(rest));
        }
        return b.toString();
    }

    private static String quote(String s) {
        return "'" + s + "'";
    }
}
