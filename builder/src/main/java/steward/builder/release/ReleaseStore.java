package steward.builder.release;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The releases under a home: {@code HOME/rsync-<epoch ms>/} trees, each with a metadata
 * directory {@code HOME/.steward/releases/<id>/} (release.properties, environment files, programs).
 */
public final class ReleaseStore {
    private final Path home;
    private final CurrentLink links;

    public ReleaseStore(Path home) {
        this.home = home;
        this.links = new CurrentLink(home);
    }

    public Path home() {
        return home;
    }

    /** Creates an empty release directory named after the current time (bumped while taken). */
    public Release create() throws IOException {
        Files.createDirectories(home);
        long ms = System.currentTimeMillis();
        while (true) {
            Release r = Release.of(home, "rsync-" + ms);
            try {
                Files.createDirectory(r.dir());
                Files.createDirectories(metaDir(r));
                return r;
            } catch (FileAlreadyExistsException e) {
                ms++;
            }
        }
    }

    public Path metaDir(Release r) {
        return home.resolve(".steward").resolve("releases").resolve(r.id());
    }

    /** Complete releases (with metadata), oldest first. */
    public List<Release> list() throws IOException {
        if (!Files.isDirectory(home)) {
            return List.of();
        }
        List<Release> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(home)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String name = p.getFileName().toString();
                if (Release.isId(name) && Files.isDirectory(p) && !Files.isSymbolicLink(p)) {
                    Release r = Release.of(home, name);
                    if (metadata(r).isPresent()) {
                        out.add(r);
                    }
                }
            }
        }
        out.sort(null);
        return out;
    }

    public Optional<Release> find(String id) throws IOException {
        return list().stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /** The release {@code HOME/code} points at. */
    public Optional<Release> active() throws IOException {
        Optional<String> id = links.activeId();
        return id.isPresent() ? find(id.get()) : Optional.empty();
    }

    /** The newest release older than the active one: where a rollback goes. */
    public Optional<Release> previous() throws IOException {
        Optional<Release> active = active();
        if (active.isEmpty()) {
            return Optional.empty();
        }
        return list().stream().filter(r -> r.compareTo(active.get()) < 0).reduce((a, b) -> b);
    }

    public void writeMetadata(Release r, ReleaseMetadata m) throws IOException {
        m.write(metaDir(r));
    }

    public Optional<ReleaseMetadata> metadata(Release r) throws IOException {
        return ReleaseMetadata.read(metaDir(r));
    }

    public void switchTo(Release r) throws IOException {
        ReleaseMetadata m = metadata(r).orElseThrow(() -> new IOException("release " + r.id() + " has no metadata"));
        links.switchTo(r, m.approot());
    }

    /**
     * Removes what an interrupted build left behind: release directories without metadata (it is
     * written last, so they never completed) and metadata directories whose release is gone; never
     * the active release. Builds of one home are serialized, so no running build is touched.
     *
     * @return the ids removed
     */
    public List<String> sweepIncomplete() throws IOException {
        List<String> removed = new ArrayList<>();
        Optional<String> active = links.activeId();
        for (Path p : entries(home)) {
            String name = p.getFileName().toString();
            if (Release.isId(name) && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && !active.equals(Optional.of(name))
                    && metadata(Release.of(home, name)).isEmpty()) {
                delete(Release.of(home, name));
                removed.add(name);
            }
        }
        for (Path p : entries(home.resolve(".steward").resolve("releases"))) {
            String name = p.getFileName().toString();
            if (Release.isId(name) && !Files.exists(home.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
                AtomicFiles.deleteTree(p);
                removed.add(name);
            }
        }
        return removed;
    }

    private static List<Path> entries(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    public void delete(Release r) throws IOException {
        AtomicFiles.deleteTree(r.dir());
        AtomicFiles.deleteTree(metaDir(r));
    }

    /** Deletes all but the newest {@code keep} releases, never the active one; returns what went. */
    public List<Release> prune(int keep) throws IOException {
        List<Release> all = list();
        Optional<Release> active = active();
        List<Release> deleted = new ArrayList<>();
        for (int i = 0; i < all.size() - keep; i++) {
            Release r = all.get(i);
            if (active.filter(r::equals).isEmpty()) {
                delete(r);
                deleted.add(r);
            }
        }
        return deleted;
    }
}
