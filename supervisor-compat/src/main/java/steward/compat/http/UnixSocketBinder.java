package steward.compat.http;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import steward.compat.config.UnixHttpServerConfig;

/**
 * Binds the control socket the careful way: refuse when a live server answers on the path, remove
 * a stale socket, bind under a temporary name, chmod and chown it, then rename it into place, so
 * the socket never exists at its real name with the wrong owner or mode.
 */
final class UnixSocketBinder {
    private UnixSocketBinder() {
    }

    /** The bound channel and the identity of the socket file, to remove exactly it later. */
    record Bound(ServerSocketChannel channel, Path path, Object fileKey) {
        void removeFile() {
            try {
                BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (fileKey == null || fileKey.equals(a.fileKey())) {
                    Files.deleteIfExists(path);
                }
            } catch (IOException ignored) {
                // already gone
            }
        }
    }

    static Bound bind(UnixHttpServerConfig cfg, int backlog) throws IOException {
        Path path = cfg.file().toAbsolutePath();
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            if (answers(path)) {
                throw new IOException("Another program is already listening on the socket " + path
                        + "; shut it down before starting (or remove the file if it is stale)");
            }
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!a.isOther()) {
                throw new IOException("Not a socket, refusing to replace it: " + path);
            }
            Files.delete(path);
        }
        Path temp = path.resolveSibling(path.getFileName() + "." + ProcessHandle.current().pid());
        Files.deleteIfExists(temp);
        ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.bind(UnixDomainSocketAddress.of(temp), backlog);
            Files.setPosixFilePermissions(temp, permissions(cfg.chmod()));
            if (cfg.chown().isPresent()) {
                chown(temp, cfg.chown().get());
            }
            Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Object key = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            return new Bound(ch, path, key);
        } catch (IOException | RuntimeException e) {
            ch.close();
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    /** True when something accepts a connection on the socket path. */
    private static boolean answers(Path path) {
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(path));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                perms.add(order[bit]);
            }
        }
        return perms;
    }

    /** {@code user} or {@code user:group}, as supervisord's chown option. */
    private static void chown(Path path, String spec) throws IOException {
        UserPrincipalLookupService lookup = FileSystems.getDefault().getUserPrincipalLookupService();
        int colon = spec.indexOf(':');
        String user = colon < 0 ? spec : spec.substring(0, colon);
        Optional<String> group = colon < 0 ? Optional.empty() : Optional.of(spec.substring(colon + 1));
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        try {
            view.setOwner(lookup.lookupPrincipalByName(user));
            if (group.isPresent()) {
                view.setGroup(lookup.lookupPrincipalByGroupName(group.get()));
            }
        } catch (AccessDeniedException e) {
            throw new IOException("cannot chown socket " + path + " to " + spec + ": permission denied", e);
        }
    }
}
