package steward.compat.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Supervisor 4.2.5's own parser (the apt package, through /usr/bin/python3) and Steward's must render
 * the same {@code --check --json} report for every config of the corpus. Skipped where Supervisor is
 * not installed, except under CI=true, where that is a failure.
 */
class ConfigReportDifferentialTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path CONF = Path.of("src/test/resources/conf").toAbsolutePath();
    private static final Path SCRIPT = CONF.resolve("supervisor_config_report.py");
    private static final Path CORPUS = CONF.resolve("corpus");

    record Run(int exit, String out) {
    }

    static Run run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python did not finish: " + command);
        return new Run(p.exitValue(), out);
    }

    @BeforeAll
    static void supervisorIsInstalled() throws Exception {
        boolean available = Files.isExecutable(PYTHON)
                && run(List.of(PYTHON.toString(), "-c", "import supervisor.options")).exit() == 0;
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(available, "CI=true but " + PYTHON + " cannot import supervisor (apt install supervisor)");
        }
        assumeTrue(available, PYTHON + " cannot import supervisor; differential test skipped");
    }

    static Stream<String> corpus() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".conf")).sorted()
                    .toList().stream();
        }
    }

    static Stream<String> badConfs() throws IOException {
        try (Stream<Path> files = Files.list(CONF.resolve("bad"))) {
            return files.map(f -> f.getFileName().toString()).sorted().toList().stream();
        }
    }

    /** Every conf ConfParserTest expects Steward to reject, Supervisor rejects too. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("badConfs")
    void supervisorAlsoRejectsTheBadConfs(String name) throws Exception {
        Run python = run(List.of(PYTHON.toString(), SCRIPT.toString(), CONF.resolve("bad").resolve(name).toString()));
        assertTrue(python.exit() != 0, "Supervisor accepted " + name);
    }

    @Test
    void corpusIsNotEmpty() throws IOException {
        assertTrue(corpus().count() >= 10);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void stewardRendersWhatSupervisorParses(String name) throws Exception {
        Path file = CORPUS.resolve(name);
        Run python = run(new ArrayList<>(List.of(PYTHON.toString(), SCRIPT.toString(), file.toString())));
        assertEquals(0, python.exit(), "Supervisor could not parse " + name);
        String hostname = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        SupervisordConf conf = ConfParser.parse(file, System.getenv(), hostname);
        // Supervisor's keys only: Steward's own (depends_on, ready, ...) are reported where a program sets them
        List<Map<String, Object>> rows = new ConfigReport(Users.system()).rows(conf);
        rows.forEach(r -> r.keySet().removeAll(List.of("depends_on", "environment_file", "essential", "ready",
                "ready_timeout", "sockets", "drainsecs")));
        assertEquals(python.out(), steward.compat.json.JsonWriter.write(rows), name);
    }
}
