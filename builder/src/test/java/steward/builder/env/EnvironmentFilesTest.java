package steward.builder.env;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15, defect 10: the files holding the environment's secrets are readable by their owner only. */
class EnvironmentFilesTest {
    @TempDir
    Path dir;

    @Test
    void stagedAndInstalledFilesAreOwnerOnly() throws Exception {
        Path staged = dir.resolve("meta");
        Path home = Files.createDirectory(dir.resolve("home"));
        EnvironmentFiles.write(staged, Map.of("API_TOKEN", "s3cret"), java.util.List.of());
        EnvironmentFiles.install(staged, home);
        for (Path where : new Path[] {staged, home}) {
            for (String name : EnvironmentFiles.NAMES) {
                Path f = where.resolve(name);
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)), f.toString());
                assertEquals(Files.getOwner(where), Files.getOwner(f));
            }
        }
        assertEquals(Map.of("API_TOKEN", "s3cret"), EnvironmentFiles.read(home));
        try (var files = Files.list(home)) {
            assertEquals(5, files.count(), "four files and .profile, no temp file left");
        }
    }
}
