package steward.builder.data;

import java.nio.file.Path;
import java.util.Optional;
import steward.builder.manifest.ServiceSpec;

/**
 * Where one data service's server runs: its data directory ({@code HOME/data}, kept across
 * redeploys and agent restarts, never touched by a push), the release's stack directory (its
 * generated configuration), its endpoint and the user it runs as (empty: the agent's own user).
 */
public record DataLayout(Path home, Path stackDir, ServiceSpec service, DataEndpoint endpoint, Optional<String> user) {
    public static final String DATA = "data";

    public Path dataDir() {
        return dataDir(home);
    }

    public static Path dataDir(Path home) {
        return home.resolve(DATA);
    }

    /** A {@code config:} value as text, if set. */
    public Optional<String> config(String key) {
        Object v = service.config().get(key);
        return v == null ? Optional.empty() : Optional.of(v.toString().trim());
    }
}
