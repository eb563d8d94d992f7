package steward.builder.program;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where one release's runtime stack lives: {@code stackDir} holds the generated configurations and
 * the app server's unix socket (each release its own, so a new app server can start beside the
 * old one); {@code current} is {@code HOME/current}, which the configurations name so the
 * approot's own files are read from the live release; {@code approotDir} is the approot of the
 * release being built (what files exist in it now). nginx runs from {@link #frontDir()}, the same
 * for every release: the live release's nginx.conf is installed there when it goes live, so one
 * nginx serves across redeploys and is reloaded onto the new app server. {@code slot} (blue or
 * green, the other one than the live release's) names the app server program, so the new one can
 * run beside the old one during a redeploy. {@code worker}: who the stack's workers run as
 * ({@link StackUser}), empty when the agent is not root.
 */
public record StackLayout(Path home, Path stackDir, Path approotDir, int port, Optional<StackUser> worker, String slot) {
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

    /** The app server's unix socket. */
    public Path socket() {
        return stackDir.resolve("app.sock");
    }

    /** nginx's prefix: its live configuration, pid file and temp directories. */
    public Path frontDir() {
        return frontDir(home);
    }

    public static Path frontDir(Path home) {
        return home.resolve(".steward").resolve(FRONT_DIR);
    }

    /** The app server's program name in this release: {@code uwsgi-blue}, {@code php-fpm-green}… */
    public String appProgram(String server) {
        return server + "-" + slot;
    }
}
