package steward.agent.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import steward.agent.container.AgentInfo;
import steward.agent.container.RunSettings;

/**
 * Issue 20 item 4's stop row: this test is the kubelet and the endpoints controller. {@code steward
 * run} serves a python http.server program behind a real nginx ingress whose upstream also holds a
 * second replica; a client sends constant load through nginx; the test sends SIGTERM (Kubernetes)
 * or SIGINT (Nomad) to the agent, keeps routing to it for 2 s more (endpoint removal propagating),
 * then removes it from the upstream (nginx reloads). No request may fail, and the agent must exit
 * after its drain delay and before the grace time computed as the README says (drain delay +
 * the programs' stopwaitsecs + 5 s for the agent itself). Before the drain delay the program died
 * at the signal and nginx's requests to it were refused for those 2 s.
 */
class OrchestratorStopIT {
    private static final Duration WAIT = Duration.ofSeconds(40);
    /** How long the endpoints controller and nginx keep routing to a terminating pod (kubernetes#67592). */
    private static final Duration PROPAGATION = Duration.ofSeconds(2);
    private static final int STOPWAITSECS = 10;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT"})
    void routedThroughNginxAStopFailsNoRequestAndEndsWithinTheGraceTime(String signal) throws Exception {
        Apps.requireTool("nginx");
        Apps.requireTool("python3");
        String mark = "5" + System.nanoTime() % 100000;
        int appPort = Apps.freePort();
        int peerPort = Apps.freePort();
        Path docs = Files.createDirectories(dir.resolve("docs" + mark));
        Files.writeString(docs.resolve("who.txt"), "agent\n");
        Path peerDocs = Files.createDirectories(dir.resolve("peer" + mark));
        Files.writeString(peerDocs.resolve("who.txt"), "peer\n");
        Path tree = Files.createDirectories(dir.resolve("tree/app"));
        Files.writeString(tree.getParent().resolve("dotcloud.yml"), "www:\n  type: python-worker\n  approot: app\n");
        Files.writeString(tree.resolve("supervisord.conf"), String.join("\n", "[program:web]",
                "command = python3 -m http.server " + appPort + " --bind 127.0.0.1 --directory " + docs,
                "startsecs = 0", "stopwaitsecs = " + STOPWAITSECS, ""));
        Path home = dir.resolve("home");
        assertEquals(0, Apps.steward(dir, "deploy", "deploy", "--home", home.toString(), tree.getParent().toString())
                .exitCode());
        Process peer = new ProcessBuilder("python3", "-m", "http.server", Integer.toString(peerPort), "--bind",
                "127.0.0.1", "--directory", peerDocs.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Path out = Files.createDirectories(dir.resolve("out-run"));
        try (Steward agent = Steward.start(out, "run", "--home", home.toString(), "--socket",
                home.resolve("run/s.sock").toString(), "--log-dir", home.resolve("log").toString(), "--health-port", "0");
                Ingress nginx = Ingress.start(dir.resolve("nginx"), List.of(appPort, peerPort))) {
            await().atMost(WAIT).until(() -> AgentInfo.read(home).map(AgentInfo::healthPort).orElse(0) > 0);
            int health = AgentInfo.read(home).orElseThrow().healthPort();
            await().atMost(WAIT).until(() -> Apps.request("GET", health, "/health").statusCode() == 200
                    && Ingress.fetch(appPort, "/who.txt").equals("200 agent")
                    && Ingress.fetch(peerPort, "/who.txt").equals("200 peer")
                    && Ingress.fetch(nginx.port(), "/who.txt").startsWith("200 "));
            try (Ingress.Load load = new Ingress.Load(nginx.port(), "/who.txt", 2, 100)) {
                await().atMost(WAIT).until(() -> load.count("200 agent", 0) >= 20 && load.count("200 peer", 0) >= 20);

                CompletableFuture<Long> exited = ProcessHandle.of(agent.pid()).orElseThrow().onExit()
                        .thenApply(p -> System.nanoTime());
                long signalled = System.nanoTime();
                agent.signal(signal);
                await().atMost(WAIT).until(() -> load.hits().stream().anyMatch(h -> h.sent() - signalled
                        >= PROPAGATION.toNanos()));
                long agentServedAfterSignal = load.count("200 agent", signalled);
                nginx.route(List.of(peerPort));
                await().atMost(WAIT).until(() -> load.lastAre("200 peer", 50));

                long grace = RunSettings.DEFAULT_DRAIN_DELAY.toSeconds() + STOPWAITSECS + 5;
                assertEquals(0, agent.waitFor((int) grace + 5));
                long took = exited.get(10, TimeUnit.SECONDS) - signalled;
                assertTrue(took < TimeUnit.SECONDS.toNanos(grace), "exited after " + took / 1_000_000
                        + " ms, within the grace time of " + grace + " s");
                assertTrue(took >= RunSettings.DEFAULT_DRAIN_DELAY.minusMillis(200).toNanos(),
                        "the programs served through the drain delay: exited after " + took / 1_000_000 + " ms");
                long after = System.nanoTime();
                await().atMost(WAIT).until(() -> load.hits().stream().anyMatch(h -> h.sent() > after));
                load.close();
                System.out.println("SIG" + signal + " through nginx: " + load.hits().size() + " requests, "
                        + load.failures().size() + " failed, " + agentServedAfterSignal + " answered by the agent's "
                        + "program after the signal, exit after " + took / 1_000_000 + " ms (grace " + grace + " s)");
                assertTrue(agentServedAfterSignal > 0, "nginx kept routing to the agent's program after SIG" + signal);
                assertEquals(List.of(), load.failures(), "failed of " + load.hits().size() + " requests");
                assertTrue(agent.stdout().contains("drain delay of 5.0 s begins"), agent.stdout());
                assertTrue(agent.stdout().contains("drain delay is over after"), agent.stdout());
            }
        } finally {
            peer.destroy();
            peer.waitFor(10, TimeUnit.SECONDS);
        }
        await().atMost(WAIT).until(() -> Procs.withMarker(mark).isEmpty());
    }
}
