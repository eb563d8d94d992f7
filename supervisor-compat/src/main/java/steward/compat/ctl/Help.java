package steward.compat.ctl;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * supervisorctl's {@code help} and {@code help <topic>} texts, as 4.2.5 prints them (help.txt: one
 * {@code @@ topic} line before each text; the empty topic is the list {@code help} prints).
 */
final class Help {
    private static final Map<String, String> TEXTS = load();

    private Help() {
    }

    /** The text for {@code topic} ("" for the list), newline-terminated, or empty when there is none. */
    static Optional<String> text(String topic) {
        return Optional.ofNullable(TEXTS.get(topic));
    }

    private static Map<String, String> load() {
        String all;
        try (InputStream in = Help.class.getResourceAsStream("help.txt")) {
            all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> texts = new LinkedHashMap<>();
        for (String block : all.split("(?m)^@@ ", -1)) {
            if (block.isEmpty()) {
                continue;
            }
            int nl = block.indexOf('\n');
            texts.put(block.substring(0, nl), block.substring(nl + 1));
        }
        return Map.copyOf(texts);
    }
}
