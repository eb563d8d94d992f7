package steward.builder.release;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/** File operations that never leave a reader with half a file or a missing link. */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Writes {@code text} to a temporary file beside {@code target}, then renames it over. */
    public static void write(Path target, String text) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        moveInto(tmp, target);
    }

    /**
     * As {@link #write}, for secrets: mode 0600 from the start (a fresh temp file of a random name,
     * created exclusively, so nothing planted is followed), owned like its directory (when root
     * writes into a user's home), then renamed over {@code target}.
     */
    public static void writePrivate(Path target, String text) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8, java.nio.file.LinkOption.NOFOLLOW_LINKS);
            var owner = Files.getOwner(dir);
            if (!owner.equals(Files.getOwner(tmp))) {
                Files.setOwner(tmp, owner);
            }
            moveInto(tmp, target);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /** rename(2) over {@code target}: atomic, and for a symlink it moves the link itself. */
    public static void moveInto(Path source, Path target) throws IOException {
        Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Points {@code link} at {@code target} (kept relative as given) by renaming a new link over it. */
    public static void replaceSymlink(Path link, Path target) throws IOException {
        Path tmp = link.resolveSibling("." + link.getFileName() + ".new-" + ProcessHandle.current().pid()
                + "-" + System.nanoTime());
        Files.createSymbolicLink(tmp, target);
        try {
            moveInto(tmp, link);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /** Deletes a tree without following links; read-only directories are made writable first. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.delete(root);
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!Files.isWritable(dir)) {
                    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
