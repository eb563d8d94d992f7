package steward.builder.release;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Resolves a path inside a tree the way the kernel would, one component at a time, following every
 * symlink met on the way (chains, {@code ..} after a link), and refuses it as soon as any step
 * leaves the tree: an absolute link, a {@code ..} above the tree's root, more than
 * {@value #MAX_HOPS} links. A lexical check ({@code normalize().startsWith}) is not enough:
 * {@code up8 -> ../../../../../../../..} is inside, and {@code a/b/c/d/e/f/g/h/up8/../../etc/passwd}
 * looks inside once normalized, but the kernel walks the link first and lands on {@code /etc/passwd}.
 * Components that do not exist are taken as plain names (still confined).
 */
public final class TreeLinks {
    static final int MAX_HOPS = 40;
    private final Path root;

    /** @param root the tree's real path ({@link Path#toRealPath}) */
    public TreeLinks(Path root) {
        this.root = root;
    }

    /** Where the symlink {@code link} (a path under the root) resolves, relative to the root; empty when it leaves the tree. */
    public Optional<Path> link(Path link) throws IOException {
        Path parent = root.relativize(link).getParent();
        return walk(parent == null ? Path.of("") : parent, Files.readSymbolicLink(link));
    }

    /** Where the relative path {@code path}, taken from the root, resolves; empty when it leaves the tree. */
    public Optional<Path> path(Path path) throws IOException {
        return walk(Path.of(""), path);
    }

    private Optional<Path> walk(Path start, Path target) throws IOException {
        if (target.isAbsolute()) {
            return Optional.empty();
        }
        Path at = start;
        Deque<Path> todo = new ArrayDeque<>(names(target));
        int hops = 0;
        while (!todo.isEmpty()) {
            Path name = todo.pollFirst();
            String text = name.toString();
            if (text.isEmpty() || text.equals(".")) {
                continue;
            }
            if (text.equals("..")) {
                if (at.toString().isEmpty()) {
                    return Optional.empty();
                }
                at = at.getParent() == null ? Path.of("") : at.getParent();
                continue;
            }
            Path here = at.resolve(name);
            if (!Files.isSymbolicLink(root.resolve(here))) {
                at = here;
                continue;
            }
            Path next = Files.readSymbolicLink(root.resolve(here));
            if (++hops > MAX_HOPS || next.isAbsolute()) {
                return Optional.empty();
            }
            List<Path> more = names(next);
            for (int i = more.size() - 1; i >= 0; i--) {
                todo.addFirst(more.get(i));
            }
        }
        return Optional.of(at);
    }

    private static List<Path> names(Path p) {
        List<Path> out = new ArrayList<>();
        p.forEach(out::add);
        return out;
    }
}
