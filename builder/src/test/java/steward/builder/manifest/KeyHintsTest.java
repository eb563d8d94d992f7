package steward.builder.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 23 item 2: misspelled keys of dotcloud.yml and config: are named with the nearest known key. */
class KeyHintsTest {
    @TempDir
    Path tmp;

    @Test
    void theNearestKnownKeyIsSuggestedForATypoOnly() {
        assertEquals(Optional.of("processes"), KeyHints.nearest("procesess", KeyHints.SERVICE));
        assertEquals(Optional.of("environment"), KeyHints.nearest("enviroment", KeyHints.SERVICE));
        assertEquals(Optional.of("uwsgi_processes"), KeyHints.nearest("uwsgi_procesess", KeyHints.CONFIG));
        assertEquals(Optional.of("approot"), KeyHints.nearest("aproot", KeyHints.SERVICE));
        assertEquals(Optional.empty(), KeyHints.nearest("mystery", KeyHints.SERVICE));
        assertEquals(Optional.empty(), KeyHints.nearest("my_app_setting", KeyHints.CONFIG));
        assertEquals(Optional.empty(), KeyHints.nearest("uwsgi_processes", KeyHints.CONFIG), "a known key is no typo");
        assertEquals(Optional.empty(), KeyHints.nearest("tp", List.of("type")), "too short to guess");
    }

    @Test
    void theParserNotesEachTypoWithItsFileLineAndTheFix() throws Exception {
        Files.createDirectories(tmp.resolve("app"));
        Files.writeString(tmp.resolve("dotcloud.yml"), """
                www:
                  type: python
                  approot: app
                  procesess:
                    web: x
                  enviroment:
                    A: b
                  config:
                    uwsgi_procesess: 3
                    my_setting: kept
                """);
        ServiceSpec s = new ManifestParser().parseTree(tmp).services().get(0);
        assertEquals(List.of(
                "dotcloud.yml:4: service 'www', key 'procesess': unknown key ignored; did you mean `processes`?",
                "dotcloud.yml:6: service 'www', key 'enviroment': unknown key ignored; did you mean `environment`?",
                "dotcloud.yml:9: service 'www', key 'config.uwsgi_procesess': not a key Steward reads (passed on as is); "
                        + "did you mean `uwsgi_processes`?"), s.notes());
    }

    /** The lists are what the code reads: ServiceReader's switch, and every config key read in builder/src/main. */
    @Test
    void theListsAreTheKeysTheCodeReads() throws Exception {
        Path main = Path.of("src/main/java/steward/builder");
        String reader = Files.readString(main.resolve("manifest/ServiceReader.java"));
        Set<String> cases = new TreeSet<>();
        Matcher c = Pattern.compile("case (\"[a-z_]+\"(?:, \"[a-z_]+\")*) ->").matcher(reader);
        while (c.find()) {
            for (String k : c.group(1).split(", ")) {
                cases.add(k.replace("\"", ""));
            }
        }
        assertEquals(new TreeSet<>(KeyHints.SERVICE), cases);

        Pattern read = Pattern.compile("config(?:\\(\\))?\\.(?:get|getOrDefault|containsKey)\\(\"([^\"]+)\""
                + "|Config\\.(?:integer|bool|string)\\(\\w+, \"([^\"]+)\"|checkWanted\\(ctx, \"([^\"]+)\"");
        Set<String> configKeys = new TreeSet<>();
        try (Stream<Path> files = Files.walk(main)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = read.matcher(read(f));
                while (m.find()) {
                    configKeys.add(m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3));
                }
            }
        }
        configKeys.remove("exclude_bundler_groups"); // a service key, kept with the config
        assertEquals(new TreeSet<>(KeyHints.CONFIG), configKeys);
        assertTrue(KeyHints.SERVICE.contains("exclude_bundler_groups"));
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
