package steward.agent.up;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalInt;

/**
 * One {@code steward up}: the app directory, its state directory (the service homes live under
 * it), the one service to run (null: all), the web port asked for, the environment up was started
 * with, and when its process started (for "Ready in N ms").
 */
public record UpOptions(Path app, Path state, String service, OptionalInt port, Map<String, String> env,
        Instant started, PrintStream out, PrintStream err, boolean colour) {
    public static final int DEFAULT_PORT = 8080;

    /** {@code --port}, else {@code PORT_WWW} from the environment, else 8080. */
    public int basePort() {
        if (port.isPresent()) {
            return port.getAsInt();
        }
        String v = env.get("PORT_WWW");
        if (v != null && !v.isBlank()) {
            try {
                return Integer.parseInt(v.trim());
            } catch (NumberFormatException e) {
                // reported by the caller's check
            }
        }
        return DEFAULT_PORT;
    }
}
