package steward.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The builder knows nothing of the engine: of Steward's other modules it uses compat's JSON writer alone. */
class ModuleArrowsTest {
    private static final Pattern OTHER_MODULES = Pattern.compile("\\bsteward\\.(compat|agent)\\.");

    @Test
    void theBuilderNamesOnlyTheJsonWriterOfCompatAndNothingOfTheAgent() throws IOException {
        Path sources = Path.of("src/main/java");
        assertTrue(Files.isDirectory(sources.resolve("steward/builder")), "not the builder module: " + sources.toAbsolutePath());
        List<String> found;
        try (Stream<Path> files = Files.walk(sources)) {
            found = files.filter(f -> f.toString().endsWith(".java")).flatMap(f -> {
                try {
                    return Files.readAllLines(f).stream().map(String::strip)
                            .filter(l -> OTHER_MODULES.matcher(l.replace("steward.compat.json.JsonWriter", "")).find())
                            .map(l -> sources.relativize(f) + ": " + l);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
        assertEquals(List.of(), found);
    }
}
