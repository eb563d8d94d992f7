package steward.builder;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One build: the pushed tree (holding dotcloud.yml), the service (null = the only code service),
 * {@code clean} to ignore caches (no node_modules reuse), and the project name for
 * {@code DOTCLOUD_PROJECT} (null = the tree's directory name), and {@code wiring}: variables the
 * app's other services give this one ({@code steward up}: ports, {@code DOTCLOUD_<SVC>_*}), set
 * after Steward's own and before the service's {@code environment:}.
 */
public record BuildRequest(Path tree, String service, boolean clean, String project, Map<String, String> wiring) {
    public BuildRequest {
        Objects.requireNonNull(tree, "tree");
        wiring = Map.copyOf(wiring);
        tree = tree.toAbsolutePath().normalize();
        if (project == null) {
            Path name = tree.getFileName();
            project = name == null ? "default" : name.toString().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        }
    }

    public static BuildRequest of(Path tree) {
        return new BuildRequest(tree, null, false, null, Map.of());
    }

    public BuildRequest withClean() {
        return new BuildRequest(tree, service, true, project, wiring);
    }

    public BuildRequest withService(String name) {
        return new BuildRequest(tree, name, clean, project, wiring);
    }

    public BuildRequest withWiring(Map<String, String> variables) {
        return new BuildRequest(tree, service, clean, project, variables);
    }
}
