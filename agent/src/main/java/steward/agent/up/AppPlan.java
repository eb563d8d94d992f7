package steward.agent.up;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import steward.builder.manifest.BuildManifest;
import steward.builder.manifest.ManifestException;
import steward.builder.manifest.ServiceSpec;

/**
 * What {@code steward up} runs for an app: one {@link Unit} per service instance, data services
 * first (in file order), then code services; each in its own home {@code STATE/<label>}. The first
 * web unit gets the base port (8080, {@code --port}, or {@code PORT_WWW}), a service that sets its
 * own {@code PORT_WWW} in {@code environment:} keeps it, and every other web unit gets the next free
 * port above the base.
 */
public record AppPlan(Path state, List<Unit> units) {
    public AppPlan {
        units = List.copyOf(units);
    }

    /**
     * @param only one service to run, with the data services it may read (null: all)
     * @param free tells whether a port is free
     */
    public static AppPlan of(BuildManifest manifest, Path state, String only, int basePort,
            java.util.function.IntPredicate free) throws ManifestException {
        List<ServiceSpec> chosen = new ArrayList<>();
        if (only != null) {
            ServiceSpec s = manifest.service(only).orElseThrow(() -> new ManifestException(manifest.file(), 0, only, null,
                    "no such service; services: " + names(manifest.services())));
            manifest.services().stream().filter(d -> !d.type().isCode() && d != s).forEach(chosen::add);
            chosen.add(s);
        } else {
            manifest.services().stream().filter(d -> !d.type().isCode()).forEach(chosen::add);
            manifest.services().stream().filter(d -> d.type().isCode()).forEach(chosen::add);
        }
        List<Unit> units = new ArrayList<>();
        Set<Integer> taken = new HashSet<>();
        boolean baseUsed = false;
        int next = basePort + 1;
        for (ServiceSpec s : chosen) {
            for (int i = 0; i < s.instances(); i++) {
                Unit u = new Unit(s, i, state.resolve(s.instances() > 1 ? s.name() + "_" + i : s.name()), 0);
                if (!u.data() && Unit.web(s)) {
                    Optional<Integer> own = ownPort(s);
                    int port;
                    if (own.isPresent() && i == 0) {
                        port = own.get();
                    } else if (!baseUsed) {
                        port = basePort;
                        baseUsed = true;
                    } else {
                        while (taken.contains(next) || next == basePort || !free.test(next)) {
                            next++;
                        }
                        port = next++;
                    }
                    taken.add(port);
                    u = u.withPort(port);
                }
                units.add(u);
            }
        }
        return new AppPlan(state, units);
    }

    private static Optional<Integer> ownPort(ServiceSpec s) {
        String v = s.environment().get("PORT_WWW");
        try {
            return v == null ? Optional.empty() : Optional.of(Integer.parseInt(v.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String names(List<ServiceSpec> services) {
        return String.join(", ", services.stream().map(ServiceSpec::name).toList());
    }

    public List<Unit> data() {
        return units.stream().filter(Unit::data).toList();
    }

    public List<Unit> code() {
        return units.stream().filter(u -> !u.data()).toList();
    }

    /** True when the app runs one agent only: its logs keep the plain program prefix. */
    public boolean single() {
        return units.size() == 1;
    }
}
