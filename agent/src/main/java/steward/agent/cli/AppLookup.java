package steward.agent.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import steward.agent.up.AppState;

/**
 * Finds the homes {@code steward up} made for an app: from {@code --app DIR}, else from the current
 * directory when it holds a dotcloud.yml. The state directory is up's default for that app.
 */
final class AppLookup {
    private AppLookup() {
    }

    /** The app's state directory, if DIR (or the working directory) is an app. */
    static Optional<Path> state(Path app) {
        Path dir = (app != null ? app : Path.of("")).toAbsolutePath().normalize();
        if (app == null && !Files.isRegularFile(dir.resolve("dotcloud.yml"))) {
            return Optional.empty();
        }
        return Optional.of(UpCommand.defaultHome(dir, System.getenv()));
    }

    /** The recorded state of a running (or detached) up of that app. */
    static Optional<AppState> running(Path app) {
        return state(app).flatMap(AppState::read).filter(AppState::alive);
    }
}
