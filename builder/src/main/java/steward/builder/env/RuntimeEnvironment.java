package steward.builder.env;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The full environment a hook, program or cron job gets: the base (normally the agent's own
 * environment), then {@code HOME} = the home, then the service variables, with the chosen node's
 * {@code bin} first on PATH.
 */
public final class RuntimeEnvironment {
    private RuntimeEnvironment() {
    }

    public static Map<String, String> merge(Map<String, String> base, Path home, Map<String, String> variables,
            Optional<Path> nodeBin) {
        Map<String, String> env = new LinkedHashMap<>(base);
        env.put("HOME", home.toString());
        env.putAll(variables);
        String path = env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        if (nodeBin.isPresent()) {
            path = nodeBin.get() + (path.isEmpty() ? "" : ":" + path);
        }
        env.put("PATH", path);
        return env;
    }
}
