package steward.builder.manifest;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** A parsed {@code dotcloud.yml}: the services in file order. */
public record BuildManifest(Path file, List<ServiceSpec> services) {
    public BuildManifest {
        services = List.copyOf(services);
    }

    /** The directory holding the Build File: the pushed tree. */
    public Path tree() {
        return file.toAbsolutePath().getParent();
    }

    public Optional<ServiceSpec> service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public List<ServiceSpec> codeServices() {
        return services.stream().filter(s -> s.type().isCode()).toList();
    }

    /**
     * The service to build: the named one (code or data), or when no name is given the only code service.
     * Errors list the candidates.
     */
    public ServiceSpec select(String name) throws ManifestException {
        List<ServiceSpec> code = codeServices();
        String names = code.stream().map(ServiceSpec::name).collect(Collectors.joining(", "));
        if (name == null) {
            if (code.size() == 1) {
                return code.get(0);
            }
            String reason = code.isEmpty() ? "no code service to build"
                    : "several code services (" + names + "); choose one with --service";
            throw new ManifestException(file, 0, null, null, reason);
        }
        ServiceSpec s = service(name).orElseThrow(() -> new ManifestException(file, 0, name, null,
                "no such service; services: " + services.stream().map(ServiceSpec::name).collect(Collectors.joining(", "))));
        return s;
    }
}
