package steward.agent.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import steward.builder.BuildRequest;
import steward.builder.BuildResult;
import steward.builder.Builder;
import steward.builder.base.BuildListener;
import steward.builder.base.BuilderConfig;
import steward.compat.config.ConfError;

/**
 * Issue 23 item 2: an error in the approot's supervisord.conf is named by the user's file and line
 * when the agent loads the release, never by the generated {@code .steward/agent/supervisord.conf}.
 */
class ApprootConfErrorTest {
    @TempDir
    Path tmp;

    @Test
    void theAgentNamesTheUsersFileAndLineNotTheGeneratedOne() throws Exception {
        Path tree = Files.createDirectories(tmp.resolve("tree"));
        Files.createDirectories(tree.resolve("worker"));
        Files.writeString(tree.resolve("dotcloud.yml"), "worker:\n  type: ruby-worker\n  approot: worker\n"
                + "  processes:\n    main: sleep 100\n");
        Files.writeString(tree.resolve("worker/supervisord.conf"), "; mine\n[program:extra]\ncommand = sleep 100\nstartsecs = abc\n");
        Path home = tmp.resolve("home");
        Builder builder = new Builder(BuilderConfig.defaults(home).withLogDir(tmp.resolve("log")), BuildListener.NONE);
        BuildResult r = builder.build(BuildRequest.of(tree));
        if (r instanceof BuildResult.Failed f) {
            throw new AssertionError(f.report());
        }
        var view = builder.view(((BuildResult.Built) r).release());
        AgentLayout layout = new AgentLayout(home, tmp.resolve("run/s.sock"), tmp.resolve("log"), List.of());
        ConfError e = assertThrows(ConfError.class,
                () -> new ReleasePrograms(layout, builder, "host").prepare(Optional.of(view)));
        assertEquals("worker/supervisord.conf:4: [program:extra] startsecs: invalid integer 'abc'", e.getMessage());
    }
}
