package steward.builder;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One build: the pushed tree (holding dotcloud.yml), the service (null = the only code service),
 * {@code clean} to ignore caches (no node_modules reuse), the project name for
 * {@code DOTCLOUD_PROJECT} (null = the tree's directory name), and {@code environment}: variables
 * added to the service's environment after Steward's own (the service's own {@code environment:}
 * still wins), e.g. the other services' {@code DOTCLOUD_*} keys from
 * {@link steward.builder.env.AppEnvironment#forEach}. For a data service, {@code PORT_<NAME>} there
 * (e.g. {@code PORT_REDIS}) is the port its server listens on from then on.
 */
public record BuildRequest(Path tree, String service, boolean clean, String project, Map<String, String> environment) {
    public BuildRequest {
        Objects.requireNonNull(tree, "tree");
        tree = tree.toAbsolutePath().normalize();
        if (project == null) {
            Path name = tree.getFileName();
            project = name == null ? "default" : name.toString().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        }
        environment = environment == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environment));
    }

    public BuildRequest(Path tree, String service, boolean clean, String project) {
        this(tree, service, clean, project, Map.of());
    }

    public static BuildRequest of(Path tree) {
        return new BuildRequest(tree, null, false, null);
    }

    public BuildRequest withClean() {
        return new BuildRequest(tree, service, true, project, environment);
    }

    public BuildRequest withService(String name) {
        return new BuildRequest(tree, name, clean, project, environment);
    }

    /** The same build with {@code variables} added to the service's environment (see the class comment). */
    public BuildRequest withEnvironment(Map<String, String> variables) {
        Map<String, String> all = new java.util.LinkedHashMap<>(environment);
        all.putAll(variables);
        return new BuildRequest(tree, service, clean, project, all);
    }
}
