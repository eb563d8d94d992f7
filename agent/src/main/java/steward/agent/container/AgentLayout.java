package steward.agent.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where an agent lives for one home: the control socket, the log directory, and its own files
 * under {@code HOME/.steward}. Defaults follow a dotCloud container: socket
 * {@code /var/run/supervisor.sock} and logs {@code /var/log/supervisor}; when those cannot be
 * created (not root), {@code HOME/run/supervisor.sock} and {@code HOME/.steward/log}, with a note.
 *
 * @param notes what was chosen instead of a default, for the agent's log
 */
public record AgentLayout(Path home, Path socket, Path logDir, List<String> notes) {
    public static final Path DEFAULT_SOCKET = Path.of("/var/run/supervisor.sock");
    public static final Path DEFAULT_LOG_DIR = Path.of("/var/log/supervisor");

    public AgentLayout {
        home = home.toAbsolutePath().normalize();
        socket = socket.toAbsolutePath().normalize();
        logDir = logDir.toAbsolutePath().normalize();
        notes = List.copyOf(notes);
    }

    public static AgentLayout resolve(Path home, Optional<Path> socket, Optional<Path> logDir) {
        Path h = home.toAbsolutePath().normalize();
        List<String> notes = new ArrayList<>();
        Path s = socket.orElseGet(() -> {
            if (creatable(DEFAULT_SOCKET.getParent())) {
                return DEFAULT_SOCKET;
            }
            Path fallback = h.resolve("run").resolve("supervisor.sock");
            notes.add("cannot create " + DEFAULT_SOCKET + " (no write access to " + DEFAULT_SOCKET.getParent()
                    + "); the control socket is " + fallback);
            return fallback;
        });
        Path l = logDir.orElseGet(() -> defaultLogDir(h, notes));
        return new AgentLayout(h, s, l, notes);
    }

    /** The log directory a home uses when none is given: /var/log/supervisor if it can be made, else HOME/.steward/log. */
    public static Path defaultLogDir(Path home, List<String> notes) {
        if (creatable(DEFAULT_LOG_DIR)) {
            return DEFAULT_LOG_DIR;
        }
        Path fallback = home.toAbsolutePath().normalize().resolve(".steward").resolve("log");
        notes.add("cannot create " + DEFAULT_LOG_DIR + "; program logs go to " + fallback);
        return fallback;
    }

    public Path stateDir() {
        return home.resolve(".steward");
    }

    /** The supervisord.conf the agent generates from the active release (what reread/update read). */
    public Path confFile() {
        return stateDir().resolve("agent").resolve("supervisord.conf");
    }

    public String serverUrl() {
        return "unix://" + socket;
    }

    /** Creates the directories the agent writes into. */
    public void createDirectories() throws IOException {
        Files.createDirectories(home);
        Files.createDirectories(socket.getParent());
        Files.createDirectories(logDir);
        Files.createDirectories(confFile().getParent());
    }

    private static boolean creatable(Path dir) {
        Path p = dir;
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        return p != null && Files.isDirectory(p) && Files.isWritable(p);
    }
}
