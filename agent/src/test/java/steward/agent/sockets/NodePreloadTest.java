package steward.agent.sockets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Node preload lands, world-readable, in a directory named by its hash that no one else controls. */
class NodePreloadTest {
    @TempDir
    Path base;

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void installsOnceWorldReadableUnderItsHash() throws Exception {
        Path file = NodePreload.install(base);
        assertEquals(base.resolve("steward-node-" + NodePreload.hash(NodePreload.resource())).resolve("node-preload.js"),
                file);
        assertArrayEquals(NodePreload.resource(), Files.readAllBytes(file));
        assertEquals("rw-r--r--", mode(file));
        assertEquals("rwxr-xr-x", mode(file.getParent()));
        long written = Files.getLastModifiedTime(file).toMillis();
        assertEquals(file, NodePreload.install(base), "a second daemon finds it in place");
        assertEquals(written, Files.getLastModifiedTime(file).toMillis());
    }

    @Test
    void aLinkOrAWritableDirectoryPlantedAtTheNameIsNotUsed() throws Exception {
        String name = "steward-node-" + NodePreload.hash(NodePreload.resource());
        Path elsewhere = Files.createDirectory(base.resolve("elsewhere"));
        Files.createSymbolicLink(base.resolve(name), elsewhere);
        Path file = NodePreload.install(base);
        assertNotEquals(base.resolve(name).resolve("node-preload.js"), file);
        assertTrue(file.getParent().getFileName().toString().startsWith(name + "-"), file.toString());
        assertEquals(0, Files.list(elsewhere).count(), "nothing written through the link");

        Path other = Files.createTempDirectory("preload-");
        try {
            Files.setPosixFilePermissions(Files.createDirectory(other.resolve(name)),
                    PosixFilePermissions.fromString("rwxrwxrwx"));
            Path mine = NodePreload.install(other);
            assertNotEquals(other.resolve(name), mine.getParent(), "a directory others may write to is not used");
            assertEquals("rwxr-xr-x", mode(mine.getParent()));
        } finally {
            try (var files = Files.walk(other)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
