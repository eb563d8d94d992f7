package steward.agent.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentInfoTest {
    @TempDir
    Path home;

    @Test
    void roundTripsThroughAgentJsonIncludingEscapedPaths() throws Exception {
        AgentInfo info = new AgentInfo(home, home.resolve("run/a \"b\".sock"), 4242, home.resolve("log\\x"), 8081);
        info.write();
        assertEquals(Optional.of(info), AgentInfo.read(home));
        assertTrue(Files.readString(AgentInfo.file(home)).startsWith("{\"home\":"));
        info.remove();
        assertEquals(Optional.empty(), AgentInfo.read(home));
    }

    @Test
    void aRecordOfADeadProcessDoesNotLookAlive() throws Exception {
        Path sock = Files.createFile(home.resolve("s.sock"));
        assertFalse(new AgentInfo(home, sock, Integer.MAX_VALUE - 1, home, 0).looksAlive());
        assertTrue(new AgentInfo(home, sock, ProcessHandle.current().pid(), home, 0).looksAlive());
    }

    @Test
    void explicitSocketAndLogDirWinOverDefaults() {
        AgentLayout l = AgentLayout.resolve(home, Optional.of(home.resolve("s.sock")), Optional.of(home.resolve("l")));
        assertEquals(home.resolve("s.sock"), l.socket());
        assertEquals(home.resolve("l"), l.logDir());
        assertEquals(List.of(), l.notes());
        assertEquals("unix://" + home.resolve("s.sock"), l.serverUrl());
    }
}
