package steward.builder.program;

import java.nio.file.Path;

/**
 * Where one release's runtime stack lives: {@code stackDir} holds the generated configurations,
 * pid files, nginx's temp directories and the app server's unix socket (each release its own, so
 * a new app server can start beside the old one); {@code current} is {@code HOME/current}, which
 * the configurations name so the approot's own files are read from the live release;
 * {@code approotDir} is the approot of the release being built (what files exist in it now).
 */
public record StackLayout(Path home, Path stackDir, Path approotDir, int port, boolean root) {
    public Path current() {
        return home.resolve("current");
    }

    /** The app server's unix socket. */
    public Path socket() {
        return stackDir.resolve("app.sock");
    }
}
