package steward.compat.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads one section's options the way Supervisor's {@code saneget} does: the raw text (or the
 * default), %-expanded with the given names, converted; every failure becomes a {@link ConfError}
 * located at the key (or at the section header when the key is absent).
 */
final class SectionValues {
    private final IniReader ini;
    private final String section;
    private final Path headerFile;
    private final int headerLine;

    SectionValues(IniReader ini, String section, Path fallbackFile) {
        this.ini = ini;
        this.section = section;
        IniReader.Section s = ini.section(section).orElse(null);
        this.headerFile = s == null ? fallbackFile : s.file();
        this.headerLine = s == null ? 0 : s.line();
    }

    String name() {
        return section;
    }

    boolean has(String key) {
        return ini.get(section, key).isPresent();
    }

    /** The unexpanded text, or {@code dflt} when the key is absent. */
    String raw(String key, String dflt) {
        return ini.get(section, key).map(IniReader.Entry::value).orElse(dflt);
    }

    /** The text expanded with {@code names} (the default too, as Supervisor does); null stays null. */
    String text(String key, String dflt, Map<String, ?> names) throws ConfError {
        String raw = raw(key, dflt);
        return raw == null ? null : expand(key, raw, names, section + "." + key);
    }

    /** Expands {@code template} for {@code key}, naming it {@code what} in Supervisor's message. */
    String expand(String key, String template, Map<String, ?> names, String what) throws ConfError {
        try {
            return Expansions.expand(template, names, what);
        } catch (IllegalArgumentException e) {
            throw error(key, e.getMessage());
        }
    }

    /** {@link #text} then {@code convert}; a converter's IllegalArgumentException becomes a ConfError. */
    <T> T get(String key, String dflt, Map<String, ?> names, Function<String, T> convert) throws ConfError {
        return convert(key, text(key, dflt, names), convert);
    }

    <T> T convert(String key, String text, Function<String, T> convert) throws ConfError {
        try {
            return convert.apply(text);
        } catch (IllegalArgumentException e) {
            throw error(key, e.getMessage());
        }
    }

    ConfError error(String key, String reason) {
        return new ConfError(fileOf(key), lineOf(key), section, key, reason);
    }

    /** "FILE:LINE: " of the key, or of the header when the key is absent. */
    String where(String key) {
        return fileOf(key) + ":" + lineOf(key) + ": ";
    }

    Path fileOf(String key) {
        return key == null ? headerFile : ini.get(section, key).map(IniReader.Entry::file).orElse(headerFile);
    }

    int lineOf(String key) {
        return key == null ? headerLine : ini.get(section, key).map(IniReader.Entry::line).orElse(headerLine);
    }
}
