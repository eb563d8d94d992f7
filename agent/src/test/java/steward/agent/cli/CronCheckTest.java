package steward.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 23 item 12: {@code cron --check} exits 2 on a bad line, as {@code deploy --check} and
 * {@code supervisord --check} do, and counts in the singular where there is one.
 */
class CronCheckTest {
    @TempDir
    Path tmp;

    @Test
    void aBadLineExitsTwoAndOneJobIsOneJob() throws Exception {
        Path tab = tmp.resolve("crontab");
        Files.writeString(tab, "# mine\n*/5 * * * * echo hi\n61 * * * * echo bad\n");
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            rc = new CommandLine(new CronCommand()).execute("--check", tab.toString());
        } finally {
            System.setOut(saved);
        }
        assertEquals(2, rc);
        assertEquals(tab + ": 1 job, 1 bad line\n", out.toString(StandardCharsets.UTF_8));

        Files.writeString(tab, "*/5 * * * * echo hi\n");
        assertEquals(0, new CommandLine(new CronCommand()).execute("--check", tab.toString()));
    }
}
