package steward.compat.config;

import java.nio.file.Path;
import java.util.Optional;

/** The [unix_http_server] section. {@code chmod} defaults to 0700. */
public record UnixHttpServerConfig(
        Path file, int chmod, Optional<String> chown, Optional<String> username, Optional<String> password) {
}
