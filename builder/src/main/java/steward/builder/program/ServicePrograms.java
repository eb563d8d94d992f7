package steward.builder.program;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import steward.builder.manifest.ManifestException;
import steward.builder.manifest.PortProtocol;
import steward.builder.manifest.ServiceSpec;
import steward.builder.manifest.ServiceType;

/**
 * Everything a service runs, produced once by the builder and run as is by the agent: the type's
 * stack programs (nginx, uWSGI…), the approot's {@code supervisord.conf} (not read for
 * {@code custom}, as on dotCloud, nor for a data service, which runs only its server), then the programs generated from {@code process}/{@code processes},
 * as supervisord.conf text for the agent's parser and as a summary list.
 */
public record ServicePrograms(String text, List<ProgramSummary> programs) {
    public static final String FRAGMENT = "supervisord.conf";

    public ServicePrograms {
        programs = List.copyOf(programs);
    }

    /**
     * @param approotDir the approot directory (in the pushed tree or a release)
     * @param sockets the {@code sockets=} entries for the service's own programs (approot
     *     supervisord.conf, process/processes), from {@link #heldSockets}; may be empty
     * @throws ManifestException when a program has no command, a name is defined twice, or a code
     *     service would run nothing
     */
    public static ServicePrograms of(ServiceSpec service, List<StackProgram> stack, Path approotDir, Path home,
            List<String> sockets) throws ManifestException {
        StringBuilder text = new StringBuilder();
        List<ProgramSummary> all = new ArrayList<>();
        Set<String> stackNames = new HashSet<>();
        for (StackProgram p : stack) {
            text.append(p.render());
            all.add(p.summary());
            stackNames.add(p.name());
        }
        Path fragmentFile = approotDir.resolve(FRAGMENT);
        if (service.type().isCode() && service.type() != ServiceType.CUSTOM && Files.isRegularFile(fragmentFile)) {
            String fragmentText = read(fragmentFile);
            if (fragmentText.startsWith("\uFEFF")) {
                throw new ManifestException(fragmentFile, 1, service.name(), null, "file starts with a UTF-8 byte "
                        + "order mark, which supervisord reads as text before the first section header and refuses "
                        + "(File contains no section headers); save it without the BOM");
            }
            ProgramFragment fragment = new ProgramFragment(fragmentText);
            for (ProgramFragment.Located p : fragment.programs(home)) {
                String section = p.program().kind() + ":" + p.program().name();
                if (p.program().command() == null || p.program().command().isBlank()) {
                    throw new ManifestException(fragmentFile, p.line(), service.name(), section, "no command");
                }
                if (stackNames.contains(p.program().name())) {
                    throw new ManifestException(fragmentFile, p.line(), service.name(), section,
                            "the " + service.type() + " stack already runs a program of that name");
                }
                all.add(p.program());
            }
            text.append(fragment.render(home, approotDir, sockets)).append('\n');
        }
        Set<String> names = new HashSet<>();
        for (ProgramSummary p : all) {
            names.add(p.name());
        }
        for (ProgramSummary p : service.type().isCode() ? GeneratedPrograms.programs(service, home) : List.<ProgramSummary>of()) {
            if (!names.add(p.name())) {
                throw new ManifestException(fragmentFile, 0, service.name(), "processes",
                        "program '" + p.name() + "' is defined twice (" + (stackNames.contains(p.name())
                                ? "the " + service.type() + " stack runs it" : "in " + FRAGMENT) + " and by process/processes)");
            }
            all.add(p);
        }
        text.append(service.type().isCode() ? GeneratedPrograms.render(service, home, sockets) : "");
        if (all.isEmpty() && service.type().isCode()) {
            throw new ManifestException(fragmentFile.getParent().resolve(FRAGMENT), 0, service.name(), null,
                    "nothing to run: add " + FRAGMENT + " to approot '" + service.approot()
                            + "' or a process/processes key");
        }
        return new ServicePrograms(text.toString(), all);
    }

    /**
     * The {@code sockets=} entries of every program of a service whose own programs serve its ports
     * (nodejs: no stack in front): {@code www=tcp://0.0.0.0:PORT_WWW}, then one per {@code ports:}
     * entry of type http or tcp, named after the port in lower case, at its {@code PORT_<NAME>}
     * (a port already listed is not listed twice). Empty for every other type.
     *
     * @param variables the service's variables ({@code PORT_WWW}, {@code PORT_<NAME>})
     */
    public static List<String> heldSockets(ServiceSpec service, Map<String, String> variables) {
        if (service.type() != ServiceType.NODEJS) {
            return List.of();
        }
        Map<String, String> byUrl = new LinkedHashMap<>();
        byUrl.put("tcp://0.0.0.0:" + variables.getOrDefault("PORT_WWW", "8080"), "www");
        for (var p : service.ports().entrySet()) {
            String port = variables.get("PORT_" + p.getKey().toUpperCase(Locale.ROOT));
            String name = p.getKey().toLowerCase(Locale.ROOT);
            if (p.getValue() != PortProtocol.UDP && port != null && !byUrl.containsValue(name)) {
                byUrl.putIfAbsent("tcp://0.0.0.0:" + port, name);
            }
        }
        return byUrl.entrySet().stream().map(e -> e.getValue() + "=" + e.getKey()).toList();
    }

    private static String read(Path file) throws ManifestException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ManifestException(file, 0, null, null, "cannot read: " + e);
        }
    }
}
