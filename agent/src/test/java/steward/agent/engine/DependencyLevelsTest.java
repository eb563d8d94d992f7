package steward.agent.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import steward.compat.config.ConfParser;

/** Shutdown ranks from depends_on: the deepest dependant stops first. */
class DependencyLevelsTest {
    @TempDir
    Path dir;

    @Test
    void levelsFollowTheLongestDependencyChain() throws Exception {
        Path f = Files.writeString(dir.resolve("s.conf"), "[supervisord]\n"
                + "[program:db]\ncommand=/bin/cat\n"
                + "[program:cache]\ncommand=/bin/cat\n"
                + "[program:api]\ncommand=/bin/cat\ndepends_on=db\n"
                + "[group:front]\nprograms=web,static\n"
                + "[program:web]\ncommand=/bin/cat\ndepends_on=api,cache\n"
                + "[program:static]\ncommand=/bin/cat\n"
                + "[program:edge]\ncommand=/bin/cat\ndepends_on=front\n");
        Map<String, Integer> levels = DependencyLevels.of(ConfParser.parse(f, Map.of(), "box").groups());
        assertEquals(Map.of("db", 0, "cache", 0, "api", 1, "front", 2, "edge", 3), levels);
    }
}
