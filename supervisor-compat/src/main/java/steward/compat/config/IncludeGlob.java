package steward.compat.config;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Python's {@code glob.glob(pattern)} (non-recursive) for {@code [include] files=}: {@code *},
 * {@code ?} and {@code [...]} per path component, hidden names only matched by a pattern starting
 * with a dot, results as path strings built from the pattern's own directory part.
 */
final class IncludeGlob {
    private static final Pattern MAGIC = Pattern.compile("[*?\\[]");

    private IncludeGlob() {
    }

    /** The matches of {@code pattern}, sorted as Python's {@code sorted()} would. */
    static List<String> glob(String pattern) {
        List<String> out = new ArrayList<>();
        iglob(pattern, false, out);
        Collections.sort(out);
        return out;
    }

    private static boolean hasMagic(String s) {
        return MAGIC.matcher(s).find();
    }

    private static void iglob(String pattern, boolean dirOnly, List<String> out) {
        String dir = Values.dirname(pattern);
        String base = pattern.substring(pattern.lastIndexOf('/') + 1);
        if (!hasMagic(pattern)) {
            if (base.isEmpty() ? isDir(dir) : exists(pattern) && (!dirOnly || isDir(pattern))) {
                out.add(pattern);
            }
            return;
        }
        List<String> dirs = new ArrayList<>();
        if (dir.isEmpty()) {
            dirs.add("");
        } else if (!dir.equals(pattern) && hasMagic(dir)) {
            iglob(dir, true, dirs);
        } else {
            dirs.add(dir);
        }
        for (String d : dirs) {
            for (String name : hasMagic(base) ? matchIn(d, base, dirOnly) : literalIn(d, base, dirOnly)) {
                out.add(d.isEmpty() ? name : d.endsWith("/") ? d + name : d + "/" + name);
            }
        }
    }

    private static List<String> literalIn(String dir, String base, boolean dirOnly) {
        String joined = dir.isEmpty() ? base : dir + "/" + base;
        if (base.isEmpty() ? isDir(dir) : exists(joined) && (!dirOnly || isDir(joined))) {
            return List.of(base);
        }
        return List.of();
    }

    private static List<String> matchIn(String dir, String base, boolean dirOnly) {
        Pattern regex = translate(base);
        List<String> names = new ArrayList<>();
        Path path = Path.of(dir.isEmpty() ? "." : dir);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.startsWith(".") && !base.startsWith(".")) {
                    continue;
                }
                if ((!dirOnly || Files.isDirectory(entry)) && regex.matcher(name).matches()) {
                    names.add(name);
                }
            }
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        return names;
    }

    /** fnmatch.translate: {@code *} any run, {@code ?} one char, {@code [..]}/{@code [!..]} a class. */
    static Pattern translate(String pat) {
        StringBuilder re = new StringBuilder();
        int i = 0;
        int n = pat.length();
        while (i < n) {
            char c = pat.charAt(i++);
            if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else if (c == '[') {
                int j = i;
                if (j < n && pat.charAt(j) == '!') {
                    j++;
                }
                if (j < n && pat.charAt(j) == ']') {
                    j++;
                }
                while (j < n && pat.charAt(j) != ']') {
                    j++;
                }
                if (j >= n) {
                    re.append("\\[");
                } else {
                    String stuff = pat.substring(i, j);
                    i = j + 1;
                    re.append(charClass(stuff));
                }
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        try {
            return Pattern.compile(re.toString(), Pattern.DOTALL);
        } catch (RuntimeException e) {
            return Pattern.compile(Pattern.quote(pat));
        }
    }

    private static String charClass(String stuff) {
        StringBuilder cls = new StringBuilder("[");
        int k = 0;
        if (stuff.startsWith("!")) {
            cls.append('^');
            k = 1;
        }
        for (; k < stuff.length(); k++) {
            char c = stuff.charAt(k);
            if (c == '-' || Character.isLetterOrDigit(c)) {
                cls.append(c);
            } else {
                cls.append('\\').append(c);
            }
        }
        return cls.append(']').toString();
    }

    private static boolean exists(String p) {
        return Files.exists(Path.of(p), LinkOption.NOFOLLOW_LINKS);
    }

    private static boolean isDir(String p) {
        return Files.isDirectory(Path.of(p.isEmpty() ? "." : p));
    }
}
