package steward.agent.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Where supervisord looks for its configuration when -c is not given, in its order. */
final class DefaultConfig {
    private static final List<String> SEARCH = List.of(
            "supervisord.conf", "etc/supervisord.conf", "/etc/supervisord.conf", "/etc/supervisor/supervisord.conf");

    private DefaultConfig() {
    }

    static Optional<Path> find() {
        return SEARCH.stream().map(Path::of).filter(Files::isRegularFile).findFirst();
    }

    static String describe() {
        return SEARCH.stream().collect(Collectors.joining(", "));
    }
}
