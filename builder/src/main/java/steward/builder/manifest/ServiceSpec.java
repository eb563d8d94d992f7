package steward.builder.manifest;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One service of a Build File. Maps keep file order. {@code processes} holds the programs from
 * {@code process} or {@code processes} (empty when neither is given); {@code notes} lists what
 * was ignored (unknown keys) so callers can show or log it.
 */
public record ServiceSpec(
        String name,
        ServiceType type,
        String approot,
        Map<String, Object> config,
        Map<String, String> environment,
        Map<String, PortProtocol> ports,
        Hooks hooks,
        List<ProcessSpec> processes,
        boolean processShortcut,
        List<String> systempackages,
        List<String> requirements,
        int instances,
        int line,
        List<String> notes) {

    public ServiceSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(approot, "approot");
        config = Collections2.orderedCopy(config);
        environment = Collections2.orderedCopy(environment);
        ports = Collections2.orderedCopy(ports);
        processes = List.copyOf(processes);
        systempackages = List.copyOf(systempackages);
        requirements = List.copyOf(requirements);
        notes = List.copyOf(notes);
    }

    /** {@code config.node_version} exactly as written, if present. */
    public Optional<String> nodeVersion() {
        Object v = config.get("node_version");
        return v == null ? Optional.empty() : Optional.of(v.toString());
    }
}
