package steward.builder.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CurrentLinkTest {
    @TempDir
    Path home;

    @Test
    void switchReplacesBothRelativeLinksAndLeavesNoTemporaries() throws Exception {
        Files.createDirectories(home.resolve("rsync-1/web"));
        Files.createDirectories(home.resolve("rsync-2"));
        CurrentLink links = new CurrentLink(home);
        links.switchTo(Release.of(home, "rsync-1"), "web");
        assertEquals(Path.of("rsync-1"), Files.readSymbolicLink(home.resolve("code")));
        assertEquals(Path.of("code/web"), Files.readSymbolicLink(home.resolve("current")));
        links.switchTo(Release.of(home, "rsync-2"), ".");
        assertEquals(Path.of("rsync-2"), Files.readSymbolicLink(home.resolve("code")));
        assertEquals(Path.of("code"), Files.readSymbolicLink(home.resolve("current")));
        assertEquals(Optional.of("rsync-2"), links.activeId());
        try (Stream<Path> s = Files.list(home)) {
            assertEquals(4, s.count(), "only rsync-1, rsync-2, code, current");
        }
    }

    @Test
    void aRealCurrentDirectoryIsNeverReplaced() throws IOException {
        Files.createDirectories(home.resolve("rsync-1"));
        Files.createDirectories(home.resolve("current"));
        IOException e = assertThrows(IOException.class, () -> new CurrentLink(home).switchTo(Release.of(home, "rsync-1"), "."));
        assertTrue(e.getMessage().contains("is not a symlink"));
    }
}
