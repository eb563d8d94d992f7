package steward.agent.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * install/Containerfile built and run for real with podman and runc, no daemon and no registry: the
 * base is a Debian root made by debootstrap (install/test-base-image, cached), the image's PID 1 is
 * {@code /opt/steward/bin/steward run}; the ramen sample is pushed into the running container
 * ({@code steward deploy} through {@code podman exec}), answers curl inside it, is redeployed with new
 * text, and {@code podman stop} stops it in order with exit status 0, as the README says.
 */
class ContainerImageIT {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private Path containersConf;

    @BeforeAll
    static void tools() {
        for (String tool : List.of("podman", "runc", "debootstrap", "npm", "tar")) {
            Apps.requireTool(tool);
        }
    }

    private Steward.Result podman(int timeoutSeconds, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("podman", "--runtime", "/usr/bin/runc", "--cgroup-manager", "cgroupfs"));
        cmd.addAll(List.of(args));
        return exec(timeoutSeconds, cmd);
    }

    private Steward.Result exec(int timeoutSeconds, List<String> cmd) throws Exception {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(Steward.ROOT.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        // runc, not crun (cgroups v1/hybrid here), and no default ulimits (raising rlimits is refused)
        pb.environment().put("CONTAINERS_CONF", containersConf.toString());
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out after " + timeoutSeconds + " s: " + cmd);
        }
        return new Steward.Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void theAgentImageServesARedeployedAppAndStopsInOrder() throws Exception {
        containersConf = dir.resolve("containers.conf");
        Files.writeString(containersConf, "[containers]\ndefault_ulimits = []\n");
        Steward.Result base = exec(1800, List.of(Steward.ROOT.resolve("install/test-base-image").toString()));
        assertEquals(0, base.exitCode(), base.stderr());
        String baseTag = base.stdout().strip().lines().reduce((a, b) -> b).orElseThrow();

        String suffix = Long.toString(ProcessHandle.current().pid());
        String image = "localhost/steward-agent:it-" + suffix;
        String name = "steward-it-" + suffix;
        Path push = dir.resolve("push");
        Apps.copyTree(Apps.SAMPLES.resolve("ramen-on-dotcloud"), push);
        try {
            Steward.Result build = podman(1200, "build", "--network", "none", "--build-arg", "BASE=" + baseTag,
                    "-f", "install/Containerfile", "-t", image, ".");
            assertEquals(0, build.exitCode(), build.stdout() + build.stderr());

            Steward.Result run = podman(120, "run", "-d", "--name", name, "--network", "none",
                    "-v", push + ":/push:ro", image);
            assertEquals(0, run.exitCode(), run.stderr());

            Steward.Result deploy = podman(600, "exec", name, "/opt/steward/bin/steward", "deploy", "/push");
            assertEquals(0, deploy.exitCode(), deploy.stdout() + deploy.stderr());
            assertTrue(deploy.stdout().contains("Successfully installed build revision"), deploy.stdout());
            await().atMost(WAIT).until(() -> curl(name).startsWith("Hello World!"));

            Files.writeString(push.resolve("hellonode/server.js"),
                    Files.readString(push.resolve("hellonode/server.js")).replace("Hello World!", "Hello again!"));
            Steward.Result redeploy = podman(600, "exec", name, "steward", "deploy", "/push");
            assertEquals(0, redeploy.exitCode(), redeploy.stdout() + redeploy.stderr());
            await().atMost(WAIT).until(() -> curl(name).startsWith("Hello again!"));
            Steward.Result status = podman(60, "exec", name, "steward", "ctl", "-s", "unix:///var/run/supervisor.sock", "status");
            assertTrue(status.stdout().matches("(?s)node\\s+RUNNING\\s+pid \\d+.*"), status.stdout() + status.stderr());

            Steward.Result stop = podman(120, "stop", "-t", "60", name);
            assertEquals(0, stop.exitCode(), stop.stderr());
            Steward.Result code = podman(60, "inspect", name, "--format", "{{.State.ExitCode}}");
            assertEquals("0", code.stdout().strip(), "the agent's exit status after SIGTERM");
            List<String> log = podman(60, "logs", name).stdout().lines().toList();
            int sigterm = indexOf(log, "received SIGTERM");
            int drained = indexOf(log, "drain delay is over");
            int stopped = indexOf(log, "stopped: node (exit status 0)");
            int end = indexOf(log, "steward run stopped");
            assertTrue(sigterm >= 0 && sigterm < drained && drained < stopped && stopped < end, String.join("\n", log));
        } finally {
            podman(120, "rm", "-f", "--ignore", name);
            podman(120, "rmi", "-f", "--ignore", image);
        }
    }

    private String curl(String name) throws Exception {
        return podman(60, "exec", name, "curl", "-s", "http://localhost:8080/").stdout();
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }
}
