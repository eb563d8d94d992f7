package steward.agent.up;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A fingerprint of what a service is built from: its dotcloud.yml entry, the variables {@code up}
 * gives it, and every file under its approot (path, size, modification time; {@code .git} and
 * {@code node_modules} left out), kept in {@code HOME/.steward/up-tree} after a successful build so
 * a second {@code up} rebuilds only the services whose tree changed.
 */
public final class TreeStamp {
    private TreeStamp() {
    }

    public static String of(Path tree, Unit unit, Map<String, String> wiring) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        md.update((unit.spec().toString() + "\n" + new java.util.TreeMap<>(wiring)).getBytes(StandardCharsets.UTF_8));
        Path root = tree.resolve(unit.spec().approot()).normalize();
        if (unit.spec().type().isCode() && Files.isDirectory(root)) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path p : (Iterable<Path>) files.filter(f -> !skipped(root.relativize(f))).sorted()::iterator) {
                    if (Files.isRegularFile(p)) {
                        md.update((root.relativize(p) + "\0" + Files.size(p) + "\0" + Files.getLastModifiedTime(p).toMillis()
                                + "\n").getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static boolean skipped(Path rel) {
        if (rel.toString().equals("dotcloud.yml")) {
            return true; // its entry for the service is in the stamp already (and a Procfile app's is made anew each time)
        }
        for (Path part : rel) {
            String n = part.toString();
            if (n.equals(".git") || n.equals("node_modules")) {
                return true;
            }
        }
        return false;
    }

    private static Path file(Path home) {
        return home.resolve(".steward").resolve("up-tree");
    }

    public static Optional<String> last(Path home) {
        try {
            return Files.isSymbolicLink(home.resolve("current")) ? Optional.of(Files.readString(file(home)).trim())
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public static void record(Path home, String stamp) throws IOException {
        Files.createDirectories(file(home).getParent());
        Files.writeString(file(home), stamp + "\n");
    }
}
