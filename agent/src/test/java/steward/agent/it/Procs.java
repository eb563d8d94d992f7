package steward.agent.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Finds processes by a marker in their command line, from /proc (what a user would check with ps). */
public final class Procs {
    private Procs() {
    }

    /** Pids of live processes whose command line contains {@code marker}. */
    public static List<Long> withMarker(String marker) {
        List<Long> pids = new ArrayList<>();
        try (var entries = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String cmd = new String(Files.readAllBytes(p.resolve("cmdline"))).replace('\0', ' ');
                    String stat = Files.readString(p.resolve("stat"));
                    boolean zombie = stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
                    if (cmd.contains(marker) && !zombie) {
                        pids.add(Long.parseLong(name));
                    }
                } catch (IOException ignored) {
                    // the process went away
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return pids;
    }
}
