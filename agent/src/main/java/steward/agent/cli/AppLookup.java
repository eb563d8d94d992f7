package steward.agent.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
        if (app == null && !Files.isRegularFile(dir.resolve("dotcloud.yml")) && !Files.isRegularFile(dir.resolve("Procfile"))) {
            return Optional.empty();
        }
        return Optional.of(defaultHome(dir, System.getenv()));
    }

    /**
     * The home of one service of the app {@code up} made (named, else the first code service, else
     * the only one), from the running up's record or the homes under the state directory.
     */
    static Optional<Path> serviceHome(Path app, String service) {
        Optional<Path> state = state(app);
        if (state.isEmpty()) {
            return Optional.empty();
        }
        List<AppState.Entry> units = AppState.read(state.get()).map(AppState::units).orElse(List.of());
        if (service != null) {
            Path h = units.stream().filter(u -> u.label().equals(service)).map(AppState.Entry::home).findFirst()
                    .orElse(state.get().resolve(service));
            return Files.isDirectory(h) ? Optional.of(h) : Optional.empty();
        }
        Optional<Path> web = units.stream().filter(u -> u.port() > 0).map(AppState.Entry::home).findFirst();
        if (web.isPresent()) {
            return web;
        }
        if (!units.isEmpty()) {
            return Optional.of(units.get(0).home());
        }
        try (var s = Files.list(state.get())) {
            List<Path> homes = s.filter(d -> Files.isSymbolicLink(d.resolve("current"))).sorted().toList();
            return homes.size() == 1 ? Optional.of(homes.get(0)) : Optional.empty();
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    /**
     * {@code steward ctl} arguments: with no {@code -c}/{@code -s} of their own, in an app's directory
     * (or with {@code --app DIR} [{@code --service NAME}]), the socket of the agent {@code up} runs for it.
     */
    static List<String> ctlArgs(List<String> args) {
        List<String> rest = new java.util.ArrayList<>(args);
        Path app = take(rest, "--app").map(Path::of).orElse(null);
        String service = take(rest, "--service").orElse(null);
        boolean own = rest.stream().anyMatch(a -> a.equals("-c") || a.equals("-s") || a.startsWith("--serverurl")
                || a.startsWith("--configuration") || a.startsWith("-s") && a.length() > 2 || a.startsWith("-c") && a.length() > 2);
        if (own) {
            return rest;
        }
        Optional<Path> home = serviceHome(app, service);
        if (home.isPresent()) {
            rest.addAll(0, List.of("-s", "unix://" + steward.agent.up.ChildAgent.socket(home.get())));
        }
        return rest;
    }

    private static Optional<String> take(List<String> args, String option) {
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals(option) && i + 1 < args.size()) {
                String v = args.remove(i + 1);
                args.remove(i);
                return Optional.of(v);
            }
            if (args.get(i).startsWith(option + "=")) {
                return Optional.of(args.remove(i).substring(option.length() + 1));
            }
        }
        return Optional.empty();
    }

    /** The recorded state of a running (or detached) up of that app. */
    static Optional<AppState> running(Path app) {
        return state(app).flatMap(AppState::read).filter(AppState::alive);
    }

    /**
     * {@code $XDG_DATA_HOME/steward/<name>}, else {@code ~/.local/share/steward/<name>}; for root
     * {@code /var/lib/steward/<name>}: the servers of the stacks and data services run as an
     * unprivileged user (PostgreSQL refuses root), who cannot enter root's home (0700).
     */
    static Path defaultHome(Path app, Map<String, String> env) {
        String xdg = env.get("XDG_DATA_HOME");
        Path data = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : "root".equals(System.getProperty("user.name")) ? Path.of("/var/lib")
                : Path.of(System.getProperty("user.home")).resolve(".local").resolve("share");
        Path name = app.getFileName();
        String n = name == null ? "app" : name.toString().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.-]", "_");
        return data.resolve("steward").resolve(n);
    }
}
