package steward.agent.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15, defect 9: a link planted where the pidfile's temp file used to go is never followed. */
class PidFileTest {
    @TempDir
    Path dir;

    @Test
    void plantedSymlinksAreNeitherFollowedNorWrittenThrough() throws Exception {
        Path victim = Files.writeString(dir.resolve("victim"), "precious\n");
        Path pidfile = dir.resolve("supervisord.pid");
        Files.createSymbolicLink(dir.resolve("supervisord.pid.tmp"), victim);
        new PidFile(pidfile).write(4242);
        assertEquals("precious\n", Files.readString(victim));
        assertEquals(Optional.of(4242L), new PidFile(pidfile).read());
        assertTrue(Files.isRegularFile(pidfile, java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(pidfile)));

        Files.delete(pidfile);
        Files.createSymbolicLink(pidfile, victim);
        new PidFile(pidfile).write(4343);
        assertEquals("precious\n", Files.readString(victim));
        assertEquals(Optional.of(4343L), new PidFile(pidfile).read());
        try (var files = Files.list(dir)) {
            assertEquals(3, files.count(), "victim, the planted .tmp link and the pidfile; no temp file left");
        }
    }
}
