package steward.builder.program;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where one release's runtime stack lives: {@code stackDir} holds the release's generated
 * configurations; {@code current} is {@code HOME/current}, which the configurations name so the
 * approot's own files are read from the live release; {@code approotDir} is the approot of the
 * release being built (what files exist in it now). nginx runs from {@link #frontDir()}, the same
 * for every release: the live release's nginx.conf is installed there when it goes live, so one
 * nginx serves across redeploys. The app server's sockets live there too, at the same paths in
 * every release, and the agent holds them ({@code sockets=}): a redeploy starts the new app server
 * (same program name) beside the old one on the same sockets and nginx is not touched unless what
 * it reads changed. {@code worker}: who the stack's workers run as ({@link StackUser}), empty when
 * the agent is not root.
 */
public record StackLayout(Path home, Path stackDir, Path approotDir, int port, Optional<StackUser> worker) {
    public static final String FRONT_DIR = "stack";

    /** Whether the agent runs as root (the stack then names its workers' user: {@link #worker()}). */
    public boolean root() {
        return worker.isPresent();
    }

    /** The workers' user when it is set and not root: the one the app servers drop to. */
    public Optional<StackUser> unprivileged() {
        return worker.filter(u -> !u.root());
    }

    public Path current() {
        return home.resolve("current");
    }

    /** The app server's unix socket (the uwsgi protocol, FastCGI or HTTP, by type), held by the agent. */
    public Path socket() {
        return frontDir().resolve("app.sock");
    }

    /** A second socket of the app server (uWSGI's HTTP socket for WebSockets), held by the agent. */
    public Path socket(String name) {
        return frontDir().resolve(name);
    }

    /** nginx's prefix: its live configuration, pid file and temp directories. */
    public Path frontDir() {
        return frontDir(home);
    }

    public static Path frontDir(Path home) {
        return home.resolve(".steward").resolve(FRONT_DIR);
    }
}
