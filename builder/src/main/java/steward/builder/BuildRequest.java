package steward.builder;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * One build: the pushed tree (holding dotcloud.yml), the service (null = the only code service),
 * {@code clean} to ignore caches (no node_modules reuse), and the project name for
 * {@code DOTCLOUD_PROJECT} (null = the tree's directory name).
 */
public record BuildRequest(Path tree, String service, boolean clean, String project) {
    public BuildRequest {
        Objects.requireNonNull(tree, "tree");
        tree = tree.toAbsolutePath().normalize();
        if (project == null) {
            Path name = tree.getFileName();
            project = name == null ? "default" : name.toString().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        }
    }

    public static BuildRequest of(Path tree) {
        return new BuildRequest(tree, null, false, null);
    }

    public BuildRequest withClean() {
        return new BuildRequest(tree, service, true, project);
    }

    public BuildRequest withService(String name) {
        return new BuildRequest(tree, name, clean, project);
    }
}
