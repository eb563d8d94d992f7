package steward.builder.node;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The node a service will use (empty when none is installed at all) and, when the requested
 * {@code node_version} could not be honoured, the one warning saying so.
 */
public record NodeSelection(Optional<NodeInstall> node, Optional<String> warning) {
    public Optional<Path> binDir() {
        return node.map(NodeInstall::binDir);
    }
}
