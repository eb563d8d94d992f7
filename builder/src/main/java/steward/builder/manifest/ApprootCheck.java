package steward.builder.manifest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import steward.builder.release.TreeLinks;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Refuses an {@code approot} that leaves the tree: absolute, climbing with {@code ..}, or reaching
 * out through a symlink; and one that is not an existing directory. Returns the normalized form.
 */
final class ApprootCheck {
    private final Path file;
    private final Path tree;
    private final String service;

    ApprootCheck(Path file, Path tree, String service) {
        this.file = file;
        this.tree = tree;
        this.service = service;
    }

    String check(Node at, String written) throws ManifestException {
        String raw = written == null || written.isBlank() ? "." : written.strip();
        Path p;
        try {
            p = Path.of(raw);
        } catch (InvalidPathException e) {
            throw error(at, "'" + raw + "' is not a path");
        }
        if (p.isAbsolute() || raw.startsWith("~")) {
            throw error(at, "'" + raw + "' must be relative to the directory holding dotcloud.yml");
        }
        Path norm = p.normalize();
        if (norm.startsWith("..")) {
            throw error(at, "'" + raw + "' escapes the tree");
        }
        String normalized = norm.toString().isEmpty() ? "." : norm.toString();
        Path dir = tree.resolve(norm);
        if (!Files.isDirectory(dir)) {
            throw error(at, "'" + raw + "' is not a directory in " + tree);
        }
        try {
            if (new TreeLinks(tree.toRealPath()).path(norm).isEmpty()) {
                throw error(at, "'" + raw + "' escapes the tree through a symlink (resolves to " + dir.toRealPath() + ")");
            }
        } catch (IOException e) {
            throw error(at, "'" + raw + "' cannot be resolved: " + e.getMessage());
        }
        return normalized;
    }

    private ManifestException error(Node at, String reason) {
        return new ManifestException(file, YamlNodes.line(at), service, "approot", reason);
    }
}
