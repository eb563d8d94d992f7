package steward.builder.env;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;
import steward.builder.release.AtomicFiles;
import steward.compat.json.JsonWriter;

/**
 * Writes a service's variables as {@code environment.json}, {@code environment.yml},
 * {@code environment.yaml} and {@code dotcloud_profile} ({@code export K='V'} lines, plus the node
 * {@code bin} put first on PATH, since a login shell's /etc/profile may reset PATH). Files are
 * staged in a release's metadata directory and installed into HOME when it goes live. They hold
 * the {@code environment:} values (API tokens), so they are 0600, owned by the home's owner.
 */
public final class EnvironmentFiles {
    public static final List<String> NAMES = List.of("environment.json", "environment.yml", "environment.yaml", "dotcloud_profile");
    static final String PROFILE_HOOK = "[ -f \"$HOME/dotcloud_profile\" ] && . \"$HOME/dotcloud_profile\"";

    private EnvironmentFiles() {
    }

    public static void write(Path dir, Map<String, String> variables, List<Path> binDirs) throws IOException {
        Files.createDirectories(dir);
        AtomicFiles.writePrivate(dir.resolve("environment.json"), JsonWriter.pretty(variables) + "\n");
        String yaml = yaml(variables);
        AtomicFiles.writePrivate(dir.resolve("environment.yml"), yaml);
        AtomicFiles.writePrivate(dir.resolve("environment.yaml"), yaml);
        AtomicFiles.writePrivate(dir.resolve("dotcloud_profile"), profile(variables, binDirs));
    }

    /** Copies the staged files into HOME (each by rename) and hooks dotcloud_profile into ~/.profile. */
    public static void install(Path staged, Path home) throws IOException {
        for (String name : NAMES) {
            Path src = staged.resolve(name);
            if (Files.isRegularFile(src)) {
                AtomicFiles.writePrivate(home.resolve(name), Files.readString(src, StandardCharsets.UTF_8));
            }
        }
        Path profile = home.resolve(".profile");
        String existing = Files.isRegularFile(profile) ? Files.readString(profile, StandardCharsets.UTF_8) : "";
        if (!existing.contains(PROFILE_HOOK)) {
            String sep = existing.isEmpty() || existing.endsWith("\n") ? "" : "\n";
            AtomicFiles.write(profile, existing + sep + PROFILE_HOOK + "\n");
        }
    }

    /** Reads back a staged environment.json (YAML is a superset of JSON). */
    public static Map<String, String> read(Path dir) throws IOException {
        Path f = dir.resolve("environment.json");
        if (!Files.isRegularFile(f)) {
            return Map.of();
        }
        Object o = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(f, StandardCharsets.UTF_8));
        Map<String, String> out = new LinkedHashMap<>();
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
        }
        return out;
    }

    static String yaml(Map<String, String> variables) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setDefaultScalarStyle(DumperOptions.ScalarStyle.DOUBLE_QUOTED);
        Yaml yaml = new Yaml(new Representer(options), options);
        return variables.isEmpty() ? "{}\n" : yaml.dump(new LinkedHashMap<>(variables));
    }

    static String profile(Map<String, String> variables, List<Path> binDirs) {
        StringBuilder sb = new StringBuilder("# Written by Steward: the service environment for login shells.\n");
        variables.forEach((k, v) -> sb.append("export ").append(k).append('=').append(shellQuote(v)).append('\n'));
        if (!binDirs.isEmpty()) {
            String joined = String.join(":", binDirs.stream().map(Path::toString).toList());
            sb.append("export PATH=").append(shellQuote(joined)).append(":\"$PATH\"\n");
        }
        return sb.toString();
    }

    public static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
