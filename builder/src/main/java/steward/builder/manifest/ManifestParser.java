package steward.builder.manifest;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Parses {@code dotcloud.yml} with SnakeYAML's safe loader. Only the node graph is composed (no
 * Java objects are constructed from tags), so every error can name its line. Anchors, aliases and
 * merge keys ({@code <<: *base}) are resolved while composing.
 */
public final class ManifestParser {
    public static final String FILE_NAME = "dotcloud.yml";
    private static final long MAX_BYTES = 1 << 20;
    private static final Pattern SERVICE_NAME = Pattern.compile("[a-z0-9_]{1,16}");

    /** Parses {@code tree/dotcloud.yml}. */
    public BuildManifest parseTree(Path tree) throws ManifestException {
        return parse(tree.resolve(FILE_NAME));
    }

    public BuildManifest parse(Path file) throws ManifestException {
        Path absolute = file.toAbsolutePath();
        String text;
        try {
            if (Files.size(absolute) > MAX_BYTES) {
                throw new ManifestException(file, 0, null, null, "larger than " + MAX_BYTES + " bytes");
            }
            text = Files.readString(absolute, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ManifestException(file, 0, null, null, "cannot read: " + e);
        }
        return parse(file, absolute.getParent(), text);
    }

    BuildManifest parse(Path file, Path tree, String text) throws ManifestException {
        Node root = compose(file, text);
        YamlNodes yaml = new YamlNodes(file, null);
        if (root == null || YamlNodes.isNull(root)) {
            throw new ManifestException(file, 0, null, null, "no services defined (the file is empty)");
        }
        List<ServiceSpec> services = new ArrayList<>();
        for (var e : yaml.mapping(root, null).entrySet()) {
            String name = e.getKey().getValue();
            if (!SERVICE_NAME.matcher(name).matches()) {
                throw new ManifestException(file, YamlNodes.line(e.getKey()), name, null,
                        "invalid service name: use 1 to 16 characters of a-z, 0-9 and _");
            }
            services.add(new ServiceReader(file, tree, name).read(e.getKey(), e.getValue()));
        }
        if (services.isEmpty()) {
            throw new ManifestException(file, YamlNodes.line(root), null, null, "no services defined");
        }
        return new BuildManifest(file, services);
    }

    private static Node compose(Path file, String text) throws ManifestException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(50);
        options.setAllowRecursiveKeys(false);
        options.setMergeOnCompose(true); // `<<: *base` merges, explicit keys win, as every YAML loader does
        Yaml yaml = new Yaml(new SafeConstructor(options));
        try (Reader reader = new StringReader(text)) {
            return yaml.compose(reader);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new ManifestException(file, line, null, null, "not valid YAML: " + e.getProblem());
        } catch (YAMLException | IOException e) {
            throw new ManifestException(file, 0, null, null, "not valid YAML: " + e.getMessage());
        }
    }
}
