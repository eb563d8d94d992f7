package steward.builder.env;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The full environment a hook, program or cron job gets: the base (normally the agent's own
 * environment), then {@code HOME} = the home, then the service variables, with the release's bin
 * directories (the type's, e.g. the virtualenv's, and the chosen node's) first on PATH.
 */
public final class RuntimeEnvironment {
    private RuntimeEnvironment() {
    }

    public static Map<String, String> merge(Map<String, String> base, Path home, Map<String, String> variables,
            List<Path> binDirs) {
        Map<String, String> env = new LinkedHashMap<>(base);
        env.put("HOME", home.toString());
        env.putAll(variables);
        String path = env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (int i = binDirs.size() - 1; i >= 0; i--) {
            path = binDirs.get(i) + (path.isEmpty() ? "" : ":" + path);
        }
        env.put("PATH", path);
        return env;
    }
}
