package steward.builder.manifest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import steward.builder.node.NodeVersionSpec;

/** Reads one service definition (the value under a service name) into a {@link ServiceSpec}. */
final class ServiceReader {
    private static final Pattern PROGRAM_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Pattern PORT_NAME = Pattern.compile("[A-Za-z0-9_]{1,32}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Path file;
    private final Path tree;
    private final String name;
    private final YamlNodes yaml;
    private final List<String> notes = new ArrayList<>();

    ServiceReader(Path file, Path tree, String name) {
        this.file = file;
        this.tree = tree;
        this.name = name;
        this.yaml = new YamlNodes(file, name);
    }

    /** The stacks' numeric settings (types §2, §8): a typo is an error, not a silent default. */
    private static final java.util.Set<String> WHOLE_NUMBER_KEYS = java.util.Set.of("uwsgi_processes", "uwsgi_buffer_size",
            "uwsgi_harakiri", "php_max_children");

    ServiceSpec read(ScalarNode nameNode, Node definition) throws ManifestException {
        Map<String, Node> keys = new LinkedHashMap<>();
        Map<String, ScalarNode> keyNodes = new LinkedHashMap<>();
        for (var e : yaml.mapping(definition, null).entrySet()) {
            keys.put(e.getKey().getValue(), e.getValue());
            keyNodes.put(e.getKey().getValue(), e.getKey());
        }
        Node typeNode = keys.get("type");
        String typeName = typeNode == null ? null : yaml.scalar(typeNode, "type");
        if (typeName == null) {
            throw new ManifestException(file, YamlNodes.line(nameNode), name, "type",
                    "required (one of: " + ServiceType.allNames() + ")");
        }
        ServiceType type = ServiceType.fromName(typeName).orElseThrow(() -> yaml.error(typeNode, "type",
                "unknown type '" + typeName + "' (one of: " + ServiceType.allNames() + ")"));
        String approot = ".";
        Map<String, Object> config = Map.of();
        Map<String, String> environment = Map.of();
        Map<String, PortProtocol> ports = Map.of();
        String prebuild = null;
        String postbuild = null;
        String postinstall = null;
        String buildscript = null;
        List<ProcessSpec> processes = List.of();
        boolean shortcut = false;
        List<String> systempackages = List.of();
        List<String> requirements = List.of();
        int instances = 1;
        List<String> bundlerGroups = null;
        for (var e : keys.entrySet()) {
            String key = e.getKey();
            Node value = e.getValue();
            switch (key) {
                case "type" -> { }
                case "approot" -> approot = new ApprootCheck(file, tree, name).check(value, yaml.scalar(value, key));
                case "config" -> config = config(value, type);
                case "environment" -> environment = environment(value);
                case "ports" -> ports = ports(value);
                case "prebuild" -> prebuild = command(value, key);
                case "postbuild" -> postbuild = command(value, key);
                case "postinstall" -> postinstall = command(value, key);
                case "buildscript" -> buildscript = command(value, key);
                case "process", "processes" -> {
                    if (keys.containsKey("process") && keys.containsKey("processes")) {
                        ScalarNode later = keyNodes.get("processes").getStartMark().getIndex()
                                > keyNodes.get("process").getStartMark().getIndex()
                                ? keyNodes.get("processes") : keyNodes.get("process");
                        throw yaml.error(later, ((ScalarNode) later).getValue(),
                                "'process' and 'processes' are mutually exclusive; use one");
                    }
                    processes = key.equals("process") ? process(value) : processes(value);
                    shortcut = true;
                }
                case "systempackages" -> systempackages = yaml.scalarList(value, key);
                case "requirements" -> requirements = yaml.scalarList(value, key);
                case "instances" -> instances = instances(value);
                case "exclude_bundler_groups" -> bundlerGroups = yaml.scalarList(value, key);
                case "ruby_version" -> notes.add(note(keyNodes.get(key), "accepted but not used by Steward"));
                default -> notes.add(note(keyNodes.get(key), "unknown key ignored" + KeyHints.hint(key, KeyHints.SERVICE)));
            }
        }
        if (approot.equals(".")) {
            new ApprootCheck(file, tree, name).check(nameNode, ".");
        }
        if (bundlerGroups != null) {
            // a service-level key on dotCloud; kept with the type's settings
            Map<String, Object> withGroups = new LinkedHashMap<>(config);
            withGroups.put("exclude_bundler_groups", bundlerGroups);
            config = withGroups;
        }
        Hooks hooks = new Hooks(prebuild, postbuild, postinstall, buildscript);
        return new ServiceSpec(name, type, approot, config, environment, ports, hooks, processes, shortcut,
                systempackages, requirements, instances, YamlNodes.line(nameNode), notes);
    }

    private String note(ScalarNode keyNode, String what) {
        return file.getFileName() + ":" + YamlNodes.line(keyNode) + ": service '" + name + "', key '"
                + keyNode.getValue() + "': " + what;
    }

    private String command(Node value, String key) throws ManifestException {
        String cmd = yaml.scalar(value, key);
        if (cmd == null || cmd.isBlank()) {
            return null;
        }
        if (cmd.strip().contains("\n")) {
            throw yaml.error(value, key, "must be a single command line");
        }
        return cmd.strip();
    }

    private Map<String, Object> config(Node value, ServiceType type) throws ManifestException {
        if (YamlNodes.isNull(value)) {
            return Map.of();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (var e : yaml.mapping(value, "config").entrySet()) {
            String k = e.getKey().getValue();
            if (k.equals("node_version") && type == ServiceType.NODEJS) {
                String v = yaml.scalar(e.getValue(), "config.node_version");
                try {
                    NodeVersionSpec.parse(v == null ? "" : v);
                } catch (IllegalArgumentException ex) {
                    throw yaml.error(e.getValue(), "config.node_version", ex.getMessage());
                }
            }
            if (WHOLE_NUMBER_KEYS.contains(k)) {
                String v = yaml.scalar(e.getValue(), "config." + k);
                if (v == null || !v.trim().matches("\\d{1,9}") || (!k.equals("uwsgi_harakiri") && Integer.parseInt(v.trim()) == 0)) {
                    throw yaml.error(e.getValue(), "config." + k, "expected a whole number"
                            + (k.equals("uwsgi_harakiri") ? "" : " >= 1") + ", found '" + v + "'");
                }
            }
            KeyHints.nearest(k, KeyHints.CONFIG).filter(known -> !known.equals(k)).ifPresent(known -> notes.add(file.getFileName()
                    + ":" + YamlNodes.line(e.getKey()) + ": service '" + name + "', key 'config." + k
                    + "': not a key Steward reads (passed on as is); did you mean `" + known + "`?"));
            out.put(k, yaml.plain(e.getValue()));
        }
        return out;
    }

    private Map<String, String> environment(Node value) throws ManifestException {
        if (YamlNodes.isNull(value)) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (var e : yaml.mapping(value, "environment").entrySet()) {
            String k = e.getKey().getValue();
            if (!ENV_NAME.matcher(k).matches()) {
                throw yaml.error(e.getKey(), "environment", "'" + k + "' is not a valid variable name");
            }
            String v = yaml.scalar(e.getValue(), "environment");
            out.put(k, v == null ? "" : v);
        }
        return out;
    }

    private Map<String, PortProtocol> ports(Node value) throws ManifestException {
        if (YamlNodes.isNull(value)) {
            return Map.of();
        }
        Map<String, PortProtocol> out = new LinkedHashMap<>();
        for (var e : yaml.mapping(value, "ports").entrySet()) {
            String k = e.getKey().getValue();
            if (!PORT_NAME.matcher(k).matches()) {
                throw yaml.error(e.getKey(), "ports", "'" + k + "' is not a valid port name ([A-Za-z0-9_])");
            }
            String proto = yaml.scalar(e.getValue(), "ports");
            out.put(k, PortProtocol.fromName(proto == null ? "" : proto).orElseThrow(() ->
                    yaml.error(e.getValue(), "ports", "port '" + k + "': expected http, tcp or udp, found '" + proto + "'")));
        }
        return out;
    }

    private List<ProcessSpec> process(Node value) throws ManifestException {
        String cmd = command(value, "process");
        return cmd == null ? List.of() : List.of(new ProcessSpec(name, cmd));
    }

    private List<ProcessSpec> processes(Node value) throws ManifestException {
        if (YamlNodes.isNull(value)) {
            return List.of();
        }
        if (!(value instanceof org.yaml.snakeyaml.nodes.MappingNode)) {
            throw yaml.error(value, "processes", "expected a mapping of program name to command (not a list)");
        }
        List<ProcessSpec> out = new ArrayList<>();
        for (var e : yaml.mapping(value, "processes").entrySet()) {
            String program = e.getKey().getValue();
            if (!PROGRAM_NAME.matcher(program).matches()) {
                throw yaml.error(e.getKey(), "processes", "'" + program + "' is not a valid program name ([A-Za-z0-9_.-])");
            }
            String cmd = command(e.getValue(), "processes");
            if (cmd == null) {
                throw yaml.error(e.getValue(), "processes", "program '" + program + "' has no command");
            }
            out.add(new ProcessSpec(program, cmd));
        }
        return out;
    }

    private int instances(Node value) throws ManifestException {
        String v = yaml.scalar(value, "instances");
        try {
            int n = Integer.parseInt(v == null ? "" : v.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw yaml.error(value, "instances", "expected a whole number >= 1, found '" + v + "'");
    }
}
