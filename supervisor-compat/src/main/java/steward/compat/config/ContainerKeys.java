package steward.compat.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads {@link ContainerOptions} from one {@code [program:x]} section, with the section's %-names. */
final class ContainerKeys {
    private ContainerKeys() {
    }

    static ContainerOptions read(SectionValues v, Map<String, Object> names) throws ConfError {
        List<String> dependsOn = new ArrayList<>();
        String deps = v.text("depends_on", null, names);
        if (deps != null) {
            for (String d : deps.split(",", -1)) {
                String name = Py.strip(d);
                if (name.isEmpty()) {
                    throw v.error("depends_on", "empty name in " + Py.repr(deps));
                }
                v.convert("depends_on", name, ParseContext::validName);
                if (!dependsOn.contains(name)) {
                    dependsOn.add(name);
                }
            }
        }
        String readyText = v.text("ready", null, names);
        Optional<ReadyCheck> ready = readyText == null ? Optional.empty()
                : Optional.of(v.convert("ready", readyText, ReadyCheck::parse));
        int timeout = v.get("ready_timeout", String.valueOf(ContainerOptions.DEFAULT_READY_TIMEOUT), names,
                Values::integer);
        if (timeout <= 0) {
            throw v.error("ready_timeout", "must be a positive number of seconds, got " + timeout);
        }
        boolean essential = v.get("essential", "false", names, Values::bool);
        List<Path> files = new ArrayList<>();
        String envFiles = v.text("environment_file", null, names);
        if (envFiles != null) {
            Path base = v.fileOf("environment_file").toAbsolutePath().getParent();
            for (String f : envFiles.split(",", -1)) {
                String p = Py.strip(f);
                if (p.isEmpty()) {
                    throw v.error("environment_file", "empty path in " + Py.repr(envFiles));
                }
                files.add(v.convert("environment_file", p, s -> base.resolve(Path.of(s)).normalize()));
            }
        }
        String socketsText = v.text("sockets", null, names);
        List<HeldSocket> sockets = socketsText == null ? List.of()
                : v.convert("sockets", socketsText, HeldSocket::parseList);
        int drain = v.get("drainsecs", String.valueOf(ContainerOptions.DEFAULT_DRAIN_SECS), names, Values::integer);
        if (drain < 0) {
            throw v.error("drainsecs", "must be 0 or a positive number of seconds, got " + drain);
        }
        return new ContainerOptions(dependsOn, ready, timeout, essential, files, sockets, drain);
    }
}
