package steward.builder.release;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The two links that make a release live: {@code HOME/code -> rsync-<ts>} and
 * {@code HOME/current -> code/<approot>}, both relative and both replaced by renaming a new link
 * over the old one, so there is never a moment without either.
 */
public final class CurrentLink {
    public static final String CODE = "code";
    public static final String CURRENT = "current";

    private final Path home;

    public CurrentLink(Path home) {
        this.home = home;
    }

    public void switchTo(Release release, String approot) throws IOException {
        refuseRealDirectory(CODE);
        refuseRealDirectory(CURRENT);
        AtomicFiles.replaceSymlink(home.resolve(CODE), Path.of(release.id()));
        Path current = approot.equals(".") ? Path.of(CODE) : Path.of(CODE).resolve(approot);
        AtomicFiles.replaceSymlink(home.resolve(CURRENT), current);
    }

    /** The release id {@code HOME/code} points at, if it is a link to one. */
    public Optional<String> activeId() throws IOException {
        Path code = home.resolve(CODE);
        if (!Files.isSymbolicLink(code)) {
            return Optional.empty();
        }
        String name = Files.readSymbolicLink(code).normalize().getFileName().toString();
        return Release.isId(name) ? Optional.of(name) : Optional.empty();
    }

    private void refuseRealDirectory(String name) throws IOException {
        Path p = home.resolve(name);
        if (Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(p)) {
            throw new IOException(p + " exists and is not a symlink; move it away so Steward can manage it");
        }
    }
}
