package steward.builder.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import steward.builder.exec.CommandRunner;

class NodeLocatorTest {
    @TempDir
    Path nodes;

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource(textBlock = """
            v20.x,   v20.11.1, true
            20,      v20.0.0,  true
            20,      v21.0.0,  false
            v0.6.x,  v0.6.21,  true
            v0.6.x,  v0.8.1,   false
            18.19.1, 18.19.1,  true
            18.19.1, 18.19.2,  false
            v20.*,   v20.3.0,  true
            """)
    void specs(String spec, String installed, boolean matches) {
        assertEquals(matches, NodeVersionSpec.parse(spec).matches(NodeVersionSpec.installed(installed).orElseThrow()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"latest", "", "v", "x", "20.x.1", "1.2.3.4", "v20-x"})
    void invalidSpecs(String spec) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NodeVersionSpec.parse(spec));
        assertTrue(e.getMessage().contains("v20.x, 20"), e.getMessage());
    }

    private Path fakeNode(String dir) throws Exception {
        Path bin = Files.createDirectories(nodes.resolve(dir).resolve("bin"));
        Path node = bin.resolve("node");
        Files.writeString(node, "#!/bin/sh\necho " + dir + "\n");
        Files.setPosixFilePermissions(node, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    @Test
    void nodesDirectoryHighestMatchWinsAndPathNodeIsTheFallback() throws Exception {
        Path v18 = fakeNode("v18.19.1");
        Path v16 = fakeNode("16.20.2");
        fakeNode("not-a-version");
        Path pathBin = fakeNode("v22.1.0");
        NodeLocator locator = new NodeLocator(Optional.of(nodes), pathBin.toString(), new CommandRunner());

        assertEquals(v18, locator.select(Optional.of(NodeVersionSpec.parse("18"))).binDir().orElseThrow());
        NodeSelection v16sel = locator.select(Optional.of(NodeVersionSpec.parse("v16.x")));
        assertEquals(v16, v16sel.binDir().orElseThrow());
        assertEquals("v16.20.2", v16sel.node().orElseThrow().version());
        assertTrue(v16sel.warning().isEmpty());

        NodeSelection old = locator.select(Optional.of(NodeVersionSpec.parse("v0.6.x")));
        assertEquals(pathBin, old.binDir().orElseThrow());
        assertEquals("node_version v0.6.x is not installed; using node v22.1.0 (" + pathBin.resolve("node") + ") instead",
                old.warning().orElseThrow());
        assertEquals(pathBin, locator.select(Optional.empty()).binDir().orElseThrow());
        assertEquals(List.of(), new NodeLocator(Optional.empty(), "", new CommandRunner()).inNodesDir());
    }
}
