package steward.agent.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import steward.agent.up.AppState;

/**
 * {@code steward up -d}: starts {@code steward up} again in a session of its own with its output in
 * {@code STATE/up.log}, shows that output until the app is ready (or the up ended: then its exit
 * status), and returns; {@code steward status} and {@code steward down} find it from the app.
 */
final class UpDetach {
    static final String LOG = "up.log";

    private final Path app;
    private final Path state;

    UpDetach(Path app, Path state) {
        this.app = app;
        this.state = state;
    }

    int run(String service, Integer port) throws IOException, InterruptedException {
        if (AppState.read(state).filter(AppState::alive).isPresent()) {
            System.err.println("steward up -d: " + app + " is already up (steward status; steward down)");
            return 1;
        }
        Files.createDirectories(state);
        Path log = state.resolve(LOG);
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/setsid", launcher(), "up", app.toString(), "--home",
                state.toString()));
        if (service != null) {
            cmd.addAll(List.of("--service", service));
        }
        if (port != null) {
            cmd.addAll(List.of("--port", port.toString()));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        long shown = 0;
        while (true) {
            String text = Files.exists(log) ? Files.readString(log) : "";
            System.out.print(text.substring((int) Math.min(shown, text.length())));
            System.out.flush();
            shown = text.length();
            if (text.contains("==> Ctrl-C stops everything")) {
                System.out.println("==> detached: steward up runs as pid " + p.pid() + ", its output in " + log);
                System.out.println("==> steward status " + app + "   |   steward logs --app " + app
                        + " -f   |   steward down " + app);
                return 0;
            }
            if (p.waitFor(100, TimeUnit.MILLISECONDS) && shown == Files.size(log)) {
                return p.exitValue() == 0 ? 1 : p.exitValue();
            }
        }
    }

    private static String launcher() {
        String bin = System.getenv("STEWARD_BIN");
        if (bin == null) {
            throw new IllegalStateException("steward up -d needs the launcher (STEWARD_BIN is not set)");
        }
        return bin;
    }
}
