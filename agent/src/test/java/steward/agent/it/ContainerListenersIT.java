package steward.agent.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code [eventlistener:x]} and {@code [fcgi-program:x]} in an approot's supervisord.conf, run by
 * {@code steward run} as {@code steward supervisord} runs them: a listener written with Supervisor's
 * {@code supervisor.childutils} hears the programs' state changes, an fcgi-program answers on its
 * socket, a redeploy replaces both, {@code deploy --check --json} lists them, and the listener that
 * shuts supervisord down on PROCESS_STATE_FATAL (through {@code SUPERVISOR_SERVER_URL}) ends the container.
 */
class ContainerListenersIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @BeforeAll
    static void childutilsIsInstalled() throws Exception {
        EventListenersIT.childutilsIsInstalled();
    }

    private Path app(String name, String conf, String... scripts) throws Exception {
        Path app = Files.createDirectories(dir.resolve(name + "/app"));
        Files.writeString(app.getParent().resolve("dotcloud.yml"), "svc:\n  type: python-worker\n  approot: app\n");
        for (String s : scripts) {
            Files.copy(EventListenersIT.SCRIPTS.resolve(s), app.resolve(s));
        }
        Files.writeString(app.resolve("supervisord.conf"), conf);
        return app.getParent();
    }

    private static String conf(String events, String mark) {
        return String.join("\n",
                "[eventlistener:recorder]",
                "command = " + EventListenersIT.PYTHON + " -u /home/dotcloud/current/record.py /home/dotcloud/" + events
                        + " 41" + mark,
                "events = PROCESS_STATE",
                "",
                "[program:worker]",
                "command = /bin/sh -c 'exec sleep 42" + mark + "'",
                "startsecs = 0",
                "",
                "[fcgi-program:fc]",
                "command = " + EventListenersIT.PYTHON + " -u /home/dotcloud/current/fcgi_answer.py 43" + mark,
                "socket = unix:///home/dotcloud/fc.sock",
                "");
    }

    private static boolean heard(Path events, String name, String process) throws Exception {
        return Files.exists(events) && Files.readAllLines(events).stream()
                .anyMatch(l -> l.contains("\"eventname\": \"" + name + "\"") && l.contains("processname:" + process + " "));
    }

    @Test
    void aListenerHearsTheProgramsAnFcgiProgramAnswersAndARedeployReplacesBoth() throws Exception {
        String mark = "7" + System.nanoTime() % 100000;
        Path home = dir.resolve("home");
        Path tree = app("tree", conf("events-v1.jsonl", mark), "record.py", "fcgi_answer.py");

        Steward.Result check = Apps.steward(dir, "check", "deploy", "--check", "--json", tree.toString());
        assertEquals(0, check.exitCode(), check.stdout() + check.stderr());
        String json = check.stdout().replaceAll("\\s+", " ");
        assertTrue(json.contains("\"name\": \"recorder\", \"command\": \"" + EventListenersIT.PYTHON), json);
        assertTrue(json.matches(".*\"name\": \"recorder\", [^}]*\"kind\": \"eventlistener\" }.*"), json);
        assertTrue(json.matches(".*\"name\": \"worker\", [^}]*\"kind\": \"program\" }.*"), json);
        assertTrue(json.matches(".*\"name\": \"fc\", [^}]*\"kind\": \"fcgi-program\" }.*"), json);

        Steward.Result deploy = Apps.steward(dir, "deploy", "deploy", "--home", home.toString(), tree.toString());
        assertEquals(0, deploy.exitCode(), deploy.stdout() + deploy.stderr());
        Path logs = home.resolve("log");
        Path out = Files.createDirectories(dir.resolve("out-run"));
        try (Steward agent = Steward.start(out, "run", "--home", home.toString(), "--socket",
                home.resolve("run/s.sock").toString(), "--log-dir", logs.toString())) {
            Path v1 = home.resolve("events-v1.jsonl");
            await().atMost(WAIT).until(() -> heard(v1, "PROCESS_STATE_RUNNING", "worker"));
            String answer = await().atMost(WAIT).ignoreExceptions().until(() -> Apps.answerUnix(home.resolve("fc.sock")),
                    a -> a.startsWith("fcgi fc "));
            long fcPid = Long.parseLong(answer.substring("fcgi fc ".length()));
            // the release's listener got dotCloud's default logs: its stdout log is the protocol, as in Supervisor
            await().atMost(WAIT).until(() -> Files.exists(logs.resolve("recorder.log"))
                    && Files.readString(logs.resolve("recorder.log")).contains("READY"));
            String agentLog = Files.readString(logs.resolve("supervisord.log"));
            assertTrue(agentLog.contains("Creating socket unix://" + home.resolve("fc.sock")), agentLog);

            // v2: the listener writes elsewhere; the redeploy stops the old pool and starts a new one
            Files.writeString(tree.resolve("app/supervisord.conf"), conf("events-v2.jsonl", mark));
            Steward.Result redeploy = Apps.steward(dir, "redeploy", "deploy", "--home", home.toString(), tree.toString());
            assertEquals(0, redeploy.exitCode(), redeploy.stdout() + redeploy.stderr());
            Path v2 = home.resolve("events-v2.jsonl");
            await().atMost(WAIT).until(() -> heard(v2, "PROCESS_STATE_RUNNING", "worker"));
            await().atMost(WAIT).until(() -> Procs.withMarker("41" + mark).size() == 1);
            String again = await().atMost(WAIT).ignoreExceptions().until(() -> Apps.answerUnix(home.resolve("fc.sock")),
                    a -> a.startsWith("fcgi fc ") && !a.equals("fcgi fc " + fcPid));
            assertTrue(again.matches("fcgi fc \\d+"), again);

            agent.signal("TERM");
            assertEquals(0, agent.waitFor(60), agent.stdout() + agent.stderr());
        }
        assertEquals(List.of(), Procs.withMarker(mark));
        String log = Files.readString(logs.resolve("supervisord.log"));
        assertTrue(log.contains("Closing socket unix://" + home.resolve("fc.sock")), log);
    }

    @Test
    void aListenerThatShutsSupervisordDownOnFatalEndsTheContainer() throws Exception {
        String mark = "8" + System.nanoTime() % 100000;
        Path home = dir.resolve("home");
        Path tree = app("tree2", String.join("\n",
                "[eventlistener:fatal]",
                "command = " + EventListenersIT.PYTHON + " -u /home/dotcloud/current/fatal_stop.py 44" + mark,
                "events = PROCESS_STATE_FATAL",
                "",
                "[program:broken]",
                "command = /bin/false",
                "startretries = 1",
                "",
                "[program:fine]",
                "command = /bin/sh -c 'exec sleep 45" + mark + "'",
                ""), "fatal_stop.py");
        Steward.Result deploy = Apps.steward(dir, "deploy2", "deploy", "--home", home.toString(), tree.toString());
        assertEquals(0, deploy.exitCode(), deploy.stdout() + deploy.stderr());
        Path logs = home.resolve("log");
        Path out = Files.createDirectories(dir.resolve("out-run2"));
        try (Steward agent = Steward.start(out, "run", "--home", home.toString(), "--socket",
                home.resolve("run/s.sock").toString(), "--log-dir", logs.toString())) {
            assertEquals(0, agent.waitFor(90), "the listener's supervisor.shutdown() ends steward run: "
                    + agent.stdout() + agent.stderr());
        }
        assertEquals("broken entered FATAL, shutting supervisord down\n", Files.readString(logs.resolve("fatal_error.log")));
        String log = Files.readString(logs.resolve("supervisord.log"));
        assertTrue(log.contains("gave up: broken entered FATAL state"), log);
        assertTrue(log.contains("stopped: fine (terminated by SIGTERM)"), log);
        assertEquals(List.of(), Procs.withMarker(mark));
    }
}
