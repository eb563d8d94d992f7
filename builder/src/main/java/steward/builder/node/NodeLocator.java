package steward.builder.node;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import steward.builder.exec.Command;
import steward.builder.exec.CommandResult;
import steward.builder.exec.CommandRunner;
import steward.builder.exec.OutputListener;

/**
 * Finds installed nodes: the first {@code node} on PATH (its version asked with
 * {@code node --version}) and, when a nodes directory is configured, every
 * {@code <dir>/<version>/bin/node} whose directory name is a version ({@code v20.11.1} or
 * {@code 20.11.1}). Picks the highest one matching a {@link NodeVersionSpec}.
 */
public final class NodeLocator {
    private final Optional<Path> nodesDir;
    private final String path;
    private final CommandRunner runner;

    public NodeLocator(Optional<Path> nodesDir, String path, CommandRunner runner) {
        this.nodesDir = nodesDir;
        this.path = path == null ? "" : path;
        this.runner = runner;
    }

    public NodeSelection select(Optional<NodeVersionSpec> spec) throws IOException {
        Optional<NodeInstall> onPath = onPath();
        List<NodeInstall> all = new ArrayList<>(inNodesDir());
        onPath.ifPresent(all::add);
        Optional<NodeInstall> fallback = onPath.or(() -> all.stream().max(Comparator.naturalOrder()));
        if (spec.isEmpty()) {
            return new NodeSelection(fallback, Optional.empty());
        }
        Optional<NodeInstall> match = all.stream().filter(n -> spec.get().matches(n.parts())).max(Comparator.naturalOrder());
        if (match.isPresent()) {
            return new NodeSelection(match, Optional.empty());
        }
        String warning = fallback
                .map(n -> "node_version " + spec.get() + " is not installed; using node " + n.version()
                        + " (" + n.binDir().resolve("node") + ") instead")
                .orElse("node_version " + spec.get() + " is not installed and no node was found on PATH");
        return new NodeSelection(fallback, Optional.of(warning));
    }

    List<NodeInstall> inNodesDir() throws IOException {
        if (nodesDir.isEmpty() || !Files.isDirectory(nodesDir.get())) {
            return List.of();
        }
        List<NodeInstall> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(nodesDir.get())) {
            for (Path dir : (Iterable<Path>) s::iterator) {
                Path bin = dir.resolve("bin");
                Optional<List<Integer>> parts = NodeVersionSpec.installed(dir.getFileName().toString());
                if (parts.isPresent() && Files.isExecutable(bin.resolve("node"))) {
                    String v = dir.getFileName().toString();
                    out.add(new NodeInstall(v.startsWith("v") ? v : "v" + v, parts.get(), bin));
                }
            }
        }
        return out;
    }

    Optional<NodeInstall> onPath() {
        for (String entry : path.split(File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            Path node = Path.of(entry).resolve("node");
            if (Files.isRegularFile(node) && Files.isExecutable(node)) {
                return version(node).map(v -> new NodeInstall(v, NodeVersionSpec.installed(v).orElseThrow(), node.getParent()));
            }
        }
        return Optional.empty();
    }

    private Optional<String> version(Path node) {
        Command cmd = new Command("'" + node.toString().replace("'", "'\\''") + "' --version", node.getParent(),
                Map.of("PATH", path), Duration.ofSeconds(20));
        CommandResult r = runner.run(cmd, OutputListener.NONE);
        if (!r.succeeded() || r.lastLines().isEmpty()) {
            return Optional.empty();
        }
        String v = r.lastLines().get(r.lastLines().size() - 1).trim();
        return NodeVersionSpec.installed(v).isPresent() ? Optional.of(v.startsWith("v") ? v : "v" + v) : Optional.empty();
    }
}
