package steward.builder.manifest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Reads composed SnakeYAML nodes, turning shape errors into located {@link ManifestException}s. */
final class YamlNodes {
    private final Path file;
    private final String service;

    YamlNodes(Path file, String service) {
        this.file = file;
        this.service = service;
    }

    static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    ManifestException error(Node at, String key, String reason) {
        return new ManifestException(file, at == null ? 0 : line(at), service, key, reason);
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode s && Tag.NULL.equals(s.getTag());
    }

    /** A scalar's text, or null for a YAML null. */
    String scalar(Node node, String key) throws ManifestException {
        if (isNull(node)) {
            return null;
        }
        if (node instanceof ScalarNode s) {
            return s.getValue();
        }
        throw error(node, key, "expected a single value, found a " + kind(node));
    }

    /** The entries of a mapping in file order, keyed by their (scalar) key node; duplicate keys refused. */
    Map<ScalarNode, Node> mapping(Node node, String key) throws ManifestException {
        if (!(node instanceof MappingNode m)) {
            throw error(node, key, "expected a mapping, found a " + kind(node));
        }
        Map<ScalarNode, Node> out = new LinkedHashMap<>();
        List<String> seen = new ArrayList<>();
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k) || isNull(k)) {
                throw error(t.getKeyNode(), key, "mapping keys must be plain names");
            }
            if (seen.contains(k.getValue())) {
                throw error(k, key == null ? k.getValue() : key, "duplicate key '" + k.getValue() + "'");
            }
            seen.add(k.getValue());
            out.put(k, t.getValueNode());
        }
        return out;
    }

    List<String> scalarList(Node node, String key) throws ManifestException {
        if (isNull(node)) {
            return List.of();
        }
        if (!(node instanceof SequenceNode seq)) {
            throw error(node, key, "expected a list, found a " + kind(node));
        }
        List<String> out = new ArrayList<>();
        for (Node item : seq.getValue()) {
            String v = scalar(item, key);
            if (v == null || v.isBlank()) {
                throw error(item, key, "list items must not be empty");
            }
            out.add(v);
        }
        return out;
    }

    /** Plain Java values (String, List, Map) for free-form data such as {@code config}. */
    Object plain(Node node) {
        if (isNull(node)) {
            return null;
        }
        if (node instanceof ScalarNode s) {
            return s.getValue();
        }
        if (node instanceof SequenceNode seq) {
            List<Object> out = new ArrayList<>();
            seq.getValue().forEach(n -> out.add(plain(n)));
            return out;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (NodeTuple t : ((MappingNode) node).getValue()) {
            out.put(String.valueOf(plain(t.getKeyNode())), plain(t.getValueNode()));
        }
        return out;
    }

    static String kind(Node node) {
        if (node instanceof MappingNode) {
            return "mapping";
        }
        return node instanceof SequenceNode ? "list" : "value";
    }
}
