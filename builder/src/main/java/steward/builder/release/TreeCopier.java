package steward.builder.release;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies a pushed tree into a release directory the way {@code rsync -lpthr --safe-links} did:
 * file modes and times kept, symlinks copied as links, but links that are absolute or resolve out
 * of the tree (followed as the kernel does, through other links: {@link TreeLinks}) are left out
 * (and reported). {@link IgnorePatterns#ALWAYS} and the tree's
 * {@code .dotcloudignore} decide what is skipped. Names are carried as the file system's bytes
 * (Path to Path, never through a String), so a name that is not valid in the JVM's encoding
 * (sun.jnu.encoding) is kept byte-exact, as rsync keeps it; only ignore matching reads the text.
 */
public final class TreeCopier {
    public static final String IGNORE_FILE = ".dotcloudignore";

    /** @return notes about skipped unsafe links */
    public List<String> copy(Path tree, Path target) throws IOException {
        Path source = tree.toRealPath();
        List<String> lines = new ArrayList<>(IgnorePatterns.ALWAYS);
        Path ignoreFile = source.resolve(IGNORE_FILE);
        if (Files.isRegularFile(ignoreFile)) {
            lines.addAll(Files.readAllLines(ignoreFile));
        }
        IgnorePatterns ignore = IgnorePatterns.of(lines);
        List<String> notes = new ArrayList<>();
        TreeLinks links = new TreeLinks(source);
        Files.createDirectories(target);
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                String rel = relative(source, dir);
                if (!rel.isEmpty() && ignore.excludes(rel, true)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(target.resolve(source.relativize(dir)));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String rel = relative(source, file);
                if (ignore.excludes(rel, false)) {
                    return FileVisitResult.CONTINUE;
                }
                Path dest = target.resolve(source.relativize(file));
                if (attrs.isSymbolicLink()) {
                    Path link = Files.readSymbolicLink(file);
                    if (links.link(file).isEmpty()) {
                        notes.add("skipped unsafe symlink " + rel + " -> " + link);
                    } else {
                        Files.createSymbolicLink(dest, link);
                    }
                } else if (attrs.isRegularFile()) {
                    Files.copy(file, dest, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                Path dest = target.resolve(source.relativize(dir));
                Files.setLastModifiedTime(dest, Files.getLastModifiedTime(dir));
                Files.setPosixFilePermissions(dest, Files.getPosixFilePermissions(dir));
                return FileVisitResult.CONTINUE;
            }
        });
        return notes;
    }

    static String relative(Path root, Path p) {
        return root.relativize(p).toString().replace('\\', '/');
    }
}
