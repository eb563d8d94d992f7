package steward.agent.sockets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import steward.agent.os.LibC;

/**
 * Installs the Node preload ({@code node-preload.js}, a resource of the agent) where any user's
 * node can {@code --require} it: a world-readable directory under {@code java.io.tmpdir} named by
 * the content's hash, so daemons of different versions never share a file. The directory is only
 * used when it is a real directory (not a link) owned by this user and writable by no one else, so
 * nothing another user plants there is ever loaded; otherwise a fresh one with a random suffix is made.
 */
public final class NodePreload {
    static final String RESOURCE = "/steward/agent/sockets/node-preload.js";
    static final String FILE = "node-preload.js";

    private NodePreload() {
    }

    /** Writes the preload under {@code base} (once: an identical file in place is kept) and returns its path. */
    public static Path install(Path base) throws IOException {
        byte[] js = resource();
        String hash = hash(js);
        Path dir = base.resolve("steward-node-" + hash);
        try {
            Files.createDirectory(dir);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            if (!ours(dir)) {
                dir = Files.createTempDirectory(base, "steward-node-" + hash + "-");
            }
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path file = dir.resolve(FILE);
        if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && Arrays.equals(Files.readAllBytes(file), js)) {
            return file;
        }
        Path tmp = Files.createTempFile(dir, ".preload-", ".js");
        try {
            Files.write(tmp, js);
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return file;
    }

    private static boolean ours(Path dir) throws IOException {
        PosixFileAttributes a = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        int owner = (Integer) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        return a.isDirectory() && !a.isSymbolicLink() && owner == LibC.geteuid()
                && !a.permissions().contains(PosixFilePermission.GROUP_WRITE)
                && !a.permissions().contains(PosixFilePermission.OTHERS_WRITE);
    }

    static byte[] resource() throws IOException {
        try (InputStream in = NodePreload.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("resource " + RESOURCE + " is missing from the agent");
            }
            return in.readAllBytes();
        }
    }

    static String hash(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
