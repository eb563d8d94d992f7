package steward.compat.config;

import java.util.Optional;

/** The [inet_http_server] section; an empty host means all interfaces. */
public record InetHttpServerConfig(
        String host, int port, Optional<String> username, Optional<String> password) {
}
