package steward.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * install/steward-supervisord.service passes {@code systemd-analyze verify}: its keys parse, its
 * ExecStart/ExecReload are executable (/opt/steward read as this checkout, where the launcher is), and
 * its {@code Documentation=man:steward-supervisord(1)} is a page that {@code steward manpages} writes.
 */
class SystemdUnitIT {
    @TempDir
    Path dir;

    @BeforeAll
    static void tools() {
        Apps.requireTool("systemd-analyze");
        Apps.requireTool("man");
    }

    @Test
    void theUnitVerifies() throws Exception {
        String unit = Files.readString(Steward.ROOT.resolve("install/steward-supervisord.service"));
        assertTrue(unit.contains("ExecStart=/opt/steward/bin/steward supervisord --nodaemon --configuration "
                + "/etc/supervisor/supervisord.conf"), unit);
        Path file = dir.resolve("steward-supervisord.service");
        Files.writeString(file, unit.replace("/opt/steward", Steward.ROOT.toString()));
        Path man = Files.createDirectories(dir.resolve("man/man1"));
        Steward.Result pages = Steward.run(dir, "manpages", man.toString());
        assertEquals(0, pages.exitCode(), pages.stderr());

        ProcessBuilder pb = new ProcessBuilder("systemd-analyze", "verify", file.toString()).redirectErrorStream(true);
        pb.environment().put("MANPATH", dir.resolve("man").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertEquals("", out.strip());
    }
}
