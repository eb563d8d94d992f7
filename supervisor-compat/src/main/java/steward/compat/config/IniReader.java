package steward.compat.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads INI files as Supervisor's {@code RawConfigParser} does ({@code inline_comment_prefixes=(';','#')},
 * {@code strict=False}, no interpolation): {@code [section]} headers (names case-sensitive),
 * {@code key = value} or {@code key: value} (keys lower-cased), full-line {@code ;}/{@code #} comments,
 * inline comments only after whitespace, indented continuation lines joined with {@code \n}, a
 * {@code [DEFAULT]} section inherited by all. Reading several files merges them: a repeated section
 * gets the later keys (with a warning). Every value keeps the file and line it came from.
 */
final class IniReader {
    /** One option's value and where it was written. */
    record Entry(String value, Path file, int line) {
    }

    /** A section: where it was first opened, and its options in file order. */
    record Section(String name, Path file, int line, Map<String, Entry> entries) {
    }

    /** An option of the file being read whose continuation lines are still being collected. */
    private record Pending(Map<String, Entry> map, String key, List<String> parts) {
    }

    private static final Pattern OPTION =
            Pattern.compile("(.*?)\\s*([=:])\\s*(.*)$", Pattern.UNICODE_CHARACTER_CLASS | Pattern.DOTALL);
    private static final String DEFAULT_SECTION = "DEFAULT";

    private final Map<String, Section> sections = new LinkedHashMap<>();
    private final Map<String, Entry> defaults = new LinkedHashMap<>();
    private final List<String> warnings;

    IniReader(List<String> warnings) {
        this.warnings = warnings;
    }

    List<String> sectionNames() {
        return List.copyOf(sections.keySet());
    }

    Optional<Section> section(String name) {
        return Optional.ofNullable(sections.get(name));
    }

    /** The option's value in the section, else in [DEFAULT]. */
    Optional<Entry> get(String section, String key) {
        Section s = sections.get(section);
        if (s == null) {
            return Optional.empty();
        }
        Entry e = s.entries().get(key);
        return Optional.ofNullable(e != null ? e : defaults.get(key));
    }

    /** Replaces every value (sections and [DEFAULT]) by {@code rewrite(entry)}. */
    void rewriteValues(Function<Entry, String> rewrite) {
        List<Map<String, Entry>> maps = new ArrayList<>();
        maps.add(defaults);
        sections.values().forEach(s -> maps.add(s.entries()));
        for (Map<String, Entry> map : maps) {
            map.replaceAll((k, e) -> new Entry(rewrite.apply(e), e.file(), e.line()));
        }
    }

    /** Reads one file and merges it into what was read before. */
    void read(Path file) throws ConfError {
        List<String> lines = lines(file);
        Map<String, Entry> current = null;
        String sectionName = null;
        String option = null;
        List<String> pending = null;
        int optionLine = 0;
        int indentLevel = 0;
        List<Pending> multi = new ArrayList<>();
        for (int n = 1; n <= lines.size(); n++) {
            String line = lines.get(n - 1);
            Integer commentStart = commentStart(line);
            String value = Py.strip(commentStart == null ? line : line.substring(0, commentStart));
            if (value.isEmpty()) {
                if (commentStart == null && pending != null) {
                    pending.add("");
                }
                continue;
            }
            int indent = 0;
            while (indent < line.length() && Py.isSpace(line.charAt(indent))) {
                indent++;
            }
            if (current != null && option != null && indent > indentLevel) {
                pending.add(value);
                continue;
            }
            indentLevel = indent;
            int close = value.lastIndexOf(']');
            if (value.startsWith("[") && close >= 2) {
                sectionName = value.substring(1, close);
                current = open(sectionName, file, n);
                option = null;
                pending = null;
            } else if (current == null) {
                throw new ConfError(file, n, null, null, "file contains no section headers: " + Py.repr(line)
                        + (n == 1 && line.startsWith("\uFEFF") ? " (a UTF-8 byte order mark: supervisord refuses it "
                        + "too; save the file without it)" : ""));
            } else {
                Matcher m = OPTION.matcher(value);
                if (!m.matches() || m.group(1).isEmpty()) {
                    throw new ConfError(file, n, sectionName, null, "parsing error: " + Py.repr(line));
                }
                option = Py.rstrip(m.group(1)).toLowerCase(Locale.ROOT);
                optionLine = n;
                pending = new ArrayList<>();
                pending.add(Py.strip(m.group(3)));
                current.put(option, new Entry(null, file, optionLine));
                multi.add(new Pending(current, option, pending));
            }
        }
        for (int i = multi.size() - 1; i >= 0; i--) {
            Pending p = multi.get(i);
            Entry e = p.map().get(p.key());
            if (e.value() == null) {
                p.map().put(p.key(), new Entry(Py.rstrip(String.join("\n", p.parts())), e.file(), e.line()));
            }
        }
    }

    private Map<String, Entry> open(String name, Path file, int line) {
        if (name.equals(DEFAULT_SECTION)) {
            return defaults;
        }
        Section existing = sections.get(name);
        if (existing != null) {
            warnings.add(file + ":" + line + ": duplicate section [" + name + "] merged into the one at "
                    + existing.file() + ":" + existing.line() + " (later keys win)");
            return existing.entries();
        }
        Section created = new Section(name, file, line, new LinkedHashMap<>());
        sections.put(name, created);
        return created.entries();
    }

    /**
     * Where a comment starts, or null: a full-line ; or #, else an inline one preceded by whitespace,
     * searched the way configparser does (k-th occurrences of both prefixes per pass, so an earlier
     * valid prefix can lose to one found in an earlier pass).
     */
    private static Integer commentStart(String line) {
        String stripped = Py.strip(line);
        if (stripped.startsWith("#") || stripped.startsWith(";")) {
            return 0;
        }
        int[] index = {-1, -1};
        char[] prefixes = {';', '#'};
        boolean[] alive = {true, true};
        while (alive[0] || alive[1]) {
            int best = Integer.MAX_VALUE;
            for (int p = 0; p < 2; p++) {
                if (!alive[p]) {
                    continue;
                }
                index[p] = line.indexOf(prefixes[p], index[p] + 1);
                if (index[p] < 0) {
                    alive[p] = false;
                } else if (index[p] == 0 || Py.isSpace(line.charAt(index[p] - 1))) {
                    best = Math.min(best, index[p]);
                }
            }
            if (best != Integer.MAX_VALUE) {
                return best;
            }
        }
        return null;
    }

    private static List<String> lines(Path file) throws ConfError {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw ConfError.ofFile(file, "could not read config file " + file);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw ConfError.ofFile(file, "could not read config file " + file + ": not valid UTF-8");
        }
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                lines.add(text.substring(start, i));
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }
}
