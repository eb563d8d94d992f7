package steward.agent.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The node name, as Python's platform.node() (uname), without a DNS lookup. */
public final class Hostname {
    private Hostname() {
    }

    public static String get() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
        } catch (IOException e) {
            String env = System.getenv("HOSTNAME");
            return env != null ? env : "localhost";
        }
    }
}
