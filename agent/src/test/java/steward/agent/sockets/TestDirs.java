package steward.agent.sockets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** Removes a test's directory; the daemon deletes its socket files as it ends, so a file may go while the walk lists it. */
public final class TestDirs {
    private TestDirs() {
    }

    public static void deleteTree(Path dir) throws IOException {
        for (int tries = 0; tries < 3; tries++) {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                return;
            } catch (UncheckedIOException e) {
                // walk again
            }
        }
    }
}
