package steward.agent.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code steward ctl status} starts as a short command should: no picocli and no JNA are loaded on
 * its path, and its classes come from the class data the launcher recorded for it (a CDS archive or
 * an AOT cache, "shared objects file"), against a real daemon. Its time and CPU beside
 * supervisorctl's are a bench/run row (bench/ctlstart.py), not a test.
 */
class CtlStartIT {
    @TempDir
    Path dir;

    @Test
    void ctlLoadsNeitherPicocliNorJnaAndMapsItsRecordedClasses() throws Exception {
        Path sock = dir.resolve("s.sock");
        Path conf = dir.resolve("supervisord.conf");
        Files.writeString(conf, "[unix_http_server]\nfile=" + sock + "\n[supervisord]\nlogfile=" + dir.resolve("d.log")
                + "\npidfile=" + dir.resolve("d.pid") + "\nchildlogdir=" + dir + "\n"
                + "[rpcinterface:supervisor]\nsupervisor.rpcinterface_factory=supervisor.rpcinterface:make_main_rpcinterface\n"
                + "[supervisorctl]\nserverurl=unix://" + sock + "\n"
                + "[program:web]\ncommand=sleep 600\nstartsecs=0\n");
        Path daemonOut = Files.createDirectories(dir.resolve("daemon"));
        try (Steward daemon = Steward.start(daemonOut, "supervisord", "-n", "-c", conf.toString())) {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(sock));
            Path out = Files.createDirectories(dir.resolve("ctl"));
            Steward.Result r;
            try (Steward ctl = Steward.start(out, Map.of("STEWARD_JAVA_OPTS", "-Xlog:class+load=info"),
                    "ctl", "-c", conf.toString(), "status")) {
                int code = ctl.waitFor(60);
                r = new Steward.Result(code, ctl.stdout(), ctl.stderr());
            }
            assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
            List<String> loads = r.stdout().lines().filter(l -> l.contains("[class,load]")).toList();
            assertTrue(r.stdout().lines().anyMatch(l -> l.matches("web\\s+RUNNING\\s+pid \\d+, uptime .*")), r.stdout());
            assertEquals(List.of(), loads.stream().filter(l -> l.contains(" picocli.") || l.contains(" com.sun.jna.")).toList());
            for (String cls : List.of("steward.agent.cli.CtlMain", "steward.compat.ctl.Ctl", "steward.compat.ctl.CtlClient",
                    "steward.compat.ctl.StatusCommand")) {
                assertTrue(loads.stream().anyMatch(l -> l.contains("] " + cls + " source: shared objects file")),
                        cls + " from the recorded class data: " + loads.stream().filter(l -> l.contains(cls + " ")).toList());
            }
            long fromJars = loads.stream().filter(l -> !l.contains("shared objects file")).count();
            assertTrue(fromJars < 40, "classes loaded outside the recorded data: " + fromJars + "\n"
                    + String.join("\n", loads.stream().filter(l -> !l.contains("shared objects file")).toList()));
        }
    }
}
