package steward.builder.node;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Copies a directory tree by hard-linking its files (falling back to a real copy where links are
 * not possible, e.g. across file systems); symlinks are recreated with the same target. Cheap
 * even for a large {@code node_modules}; npm replaces files by rename, so the source stays intact.
 */
public final class LinkCopy {
    private LinkCopy() {
    }

    public static void copy(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir)));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path dest = to.resolve(from.relativize(file));
                if (attrs.isSymbolicLink()) {
                    Files.createSymbolicLink(dest, Files.readSymbolicLink(file));
                } else if (attrs.isRegularFile()) {
                    try {
                        Files.createLink(dest, file);
                    } catch (IOException | UnsupportedOperationException e) {
                        Files.copy(file, dest, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                    }
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
