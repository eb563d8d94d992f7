package steward.builder.release;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * What a release was built as, recorded beside it so a later build, a switch or a rollback can
 * use it: service, type, approot, the dependency hash (null when no dependency step applied) and the
 * directories put first on PATH ({@code :}-separated: the type's, e.g. {@code HOME/env/bin}, and the
 * chosen node's; null when none).
 */
public record ReleaseMetadata(String service, String type, String approot, String depsHash, String binPath) {
    static final String FILE = "release.properties";

    public ReleaseMetadata {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(approot, "approot");
    }

    public Optional<String> depsHashIfAny() {
        return Optional.ofNullable(depsHash);
    }

    public List<Path> binDirs() {
        return binPath == null || binPath.isEmpty() ? List.of()
                : Arrays.stream(binPath.split(":")).map(Path::of).toList();
    }

    void write(Path dir) throws IOException {
        Properties p = new Properties();
        p.setProperty("service", service);
        p.setProperty("type", type);
        p.setProperty("approot", approot);
        if (depsHash != null) {
            p.setProperty("deps.hash", depsHash);
        }
        if (binPath != null) {
            p.setProperty("bin.path", binPath);
        }
        Files.createDirectories(dir);
        Path tmp = dir.resolve(FILE + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(w, "steward release");
        }
        AtomicFiles.moveInto(tmp, dir.resolve(FILE));
    }

    static Optional<ReleaseMetadata> read(Path dir) throws IOException {
        Path f = dir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        if (p.getProperty("service") == null || p.getProperty("type") == null || p.getProperty("approot") == null) {
            return Optional.empty();
        }
        return Optional.of(new ReleaseMetadata(p.getProperty("service"), p.getProperty("type"),
                p.getProperty("approot"), p.getProperty("deps.hash"),
                p.getProperty("bin.path", p.getProperty("node.bin"))));
    }
}
