package steward.builder.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * What decides whether {@code node_modules} can be reused as is: SHA-256 over package.json, the
 * lockfile (package-lock.json or npm-shrinkwrap.json, if any) and the node version it was built for
 * (native modules are tied to it).
 */
public final class DependencyHash {
    public static final List<String> LOCKFILES = List.of("npm-shrinkwrap.json", "package-lock.json");

    private DependencyHash() {
    }

    public static Optional<Path> lockfile(Path approot) {
        return LOCKFILES.stream().map(approot::resolve).filter(Files::isRegularFile).findFirst();
    }

    public static String of(Path approot, String nodeVersion) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        feed(md, "package.json", Files.readAllBytes(approot.resolve("package.json")));
        Optional<Path> lock = lockfile(approot);
        if (lock.isPresent()) {
            feed(md, lock.get().getFileName().toString(), Files.readAllBytes(lock.get()));
        }
        feed(md, "node", nodeVersion.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(md.digest());
    }

    /** One input into {@code md}: its label and length first, so inputs cannot run into each other. */
    public static void feed(MessageDigest md, String label, byte[] bytes) {
        md.update(label.getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
        md.update(Long.toString(bytes.length).getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
        md.update(bytes);
    }
}
