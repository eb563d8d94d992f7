package steward.compat.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import steward.compat.api.ProcessRef;
import steward.compat.api.ProcessState;
import steward.compat.api.SupervisorState;
import steward.compat.json.JsonWriter;

/**
 * Supervisor 4.2.5's own classes (events.py payloads, EventListenerPool's envelope,
 * PEventListenerDispatcher, POutputDispatcher's capture mode; the apt package, through
 * /usr/bin/python3) and Steward's {@link EventPayload}, {@link EventEnvelope}, {@link ListenerProtocol}
 * and {@link CaptureMode} must give the same bytes, states, rejections and log lines on the same
 * cases. Bytes travel as latin-1 strings. Skipped where Supervisor is not installed, except under CI=true.
 */
class EventsDifferentialTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path SCRIPT = Path.of("src/test/resources/events/supervisor_events_reference.py")
            .toAbsolutePath();

    private static String python(String input) throws Exception {
        Process p = new ProcessBuilder(PYTHON.toString(), SCRIPT.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "the reference script failed");
        return out;
    }

    @BeforeAll
    static void supervisorIsInstalled() throws Exception {
        boolean available = Files.isExecutable(PYTHON) && new ProcessBuilder(PYTHON.toString(), "-c",
                "import supervisor.tests.base").start().waitFor() == 0;
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(available, "CI=true but " + PYTHON + " cannot import supervisor (apt install supervisor)");
        }
        assumeTrue(available, PYTHON + " cannot import supervisor; differential test skipped");
    }

    private static String latin1(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static String utf8AsLatin1(String s) {
        return latin1(s.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new TreeMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** One payload case: what the Python side builds, and the Java event it must match. */
    record PayloadCase(Map<String, Object> spec, EngineEvent event) {
    }

    private static List<PayloadCase> payloadCases() {
        List<PayloadCase> cases = new ArrayList<>();
        ProcessRef web = new ProcessRef("web", "web_01");
        Object[][] states = {
            {ProcessState.STOPPED, ProcessState.STARTING, 0, 2, false},
            {ProcessState.STARTING, ProcessState.RUNNING, 4242, 0, false},
            {ProcessState.STARTING, ProcessState.BACKOFF, 0, 3, false},
            {ProcessState.RUNNING, ProcessState.STOPPING, 4242, 0, false},
            {ProcessState.STOPPING, ProcessState.STOPPED, 4242, 0, false},
            {ProcessState.RUNNING, ProcessState.EXITED, 4242, 0, true},
            {ProcessState.RUNNING, ProcessState.EXITED, 4242, 0, false},
            {ProcessState.BACKOFF, ProcessState.FATAL, 0, 3, false},
            {ProcessState.STOPPING, ProcessState.UNKNOWN, 17, 0, false},
        };
        for (Object[] s : states) {
            ProcessState from = (ProcessState) s[0];
            ProcessState to = (ProcessState) s[1];
            cases.add(new PayloadCase(map("kind", "state", "from", from.name(), "to", to.name(), "name", web.name(),
                    "group", web.group(), "pid", s[2], "tries", s[3], "expected", s[4]),
                    new EngineEvent.ProcessStateChanged(web, from, to, (boolean) s[4], (int) s[2], (int) s[3])));
        }
        String[] datas = {"hello\n", "h\u00e9llo \u2713 \"q\" 'a'\n", "", "tab\there\r\n"};
        for (String d : datas) {
            for (EngineEvent.Stream st : EngineEvent.Stream.values()) {
                byte[] bytes = d.getBytes(StandardCharsets.UTF_8);
                cases.add(new PayloadCase(map("kind", "log", "stream", st.wireName(), "name", "web_01", "group", "web",
                        "pid", 7, "data", latin1(bytes)), new EngineEvent.ProcessLog(web, 7, st, bytes)));
                cases.add(new PayloadCase(map("kind", "comm", "stream", st.wireName(), "name", "web_01", "group",
                        "web", "pid", 7, "data", latin1(bytes)), new EngineEvent.ProcessCommunication(web, 7, st, bytes)));
            }
        }
        byte[] bad = {'o', 'k', (byte) 0xff, '\'', '\n', 0x01, (byte) 0x80};
        cases.add(new PayloadCase(map("kind", "log", "stream", "stdout", "name", "web_01", "group", "web", "pid", 7,
                "data", latin1(bad)), new EngineEvent.ProcessLog(web, 7, EngineEvent.Stream.STDOUT, bad)));
        cases.add(new PayloadCase(map("kind", "comm", "stream", "stderr", "name", "web_01", "group", "web", "pid", 7,
                "data", latin1(bad)), new EngineEvent.ProcessCommunication(web, 7, EngineEvent.Stream.STDERR, bad)));
        cases.add(new PayloadCase(map("kind", "group", "group", "web", "added", true),
                new EngineEvent.GroupChanged("web", true)));
        cases.add(new PayloadCase(map("kind", "group", "group", "web", "added", false),
                new EngineEvent.GroupChanged("web", false)));
        cases.add(new PayloadCase(map("kind", "supervisor", "running", true),
                new EngineEvent.SupervisorStateChanged(SupervisorState.RUNNING)));
        cases.add(new PayloadCase(map("kind", "supervisor", "running", false),
                new EngineEvent.SupervisorStateChanged(SupervisorState.SHUTDOWN)));
        for (int period : new int[] {5, 60, 3600}) {
            cases.add(new PayloadCase(map("kind", "tick", "period", period, "when", 1764400000L),
                    new EngineEvent.Tick(period, 1764400000L)));
        }
        String[][] remotes = {{"alert", "disk full"}, {"t'y\"pe", "caf\u00e9 \u2713\nline2\\"}, {"", ""}};
        for (String[] r : remotes) {
            cases.add(new PayloadCase(map("kind", "remote", "type", r[0], "data", r[1]),
                    new EngineEvent.RemoteCommunication(r[0], r[1])));
        }
        return cases;
    }

    private static List<List<String>> protocolCases() {
        return List.of(
                List.of("READY\n", "send:e1", "RESULT 2\nOK", "READY\n", "send:e2", "RESULT 4\nFAIL", "READY\nX"),
                List.of("REA", "DY\n", "send:e1", "RESULT 2\n", "O", "K", "READY\n"),
                List.of("HELLO!\n", "READY\n"),
                List.of("RE", "READY\n"),
                List.of("READY\nREADY\n", "send:e1", "RESULT 2\nOK"),
                List.of("READY\n", "send:e1", "RESULT x\nOK"),
                List.of("READY\n", "send:e1", "exit"),
                List.of("READY\n", "send:e1", "RESULT 0\n", "READY\n"),
                List.of("READY\n", "send:e1", "RESULT 2\nOKREADY\n", "send:e2", "RESULT 2\nNOREADY\n"),
                List.of("READY\n", "send:e1", "XXXXXX  3 \nBAD", "READY\n"),
                List.of("READY\n", "send:e1", "RESULT \u00ff\n"),
                List.of("READY\n", "send:e1", "RESULT 1_0\n0123456789", "READY\n"),
                List.of("READY\n", "send:e1", "RESULT 2", "\nOK\n"),
                List.of("READY\n", "send:e1", "RESULT 2\n\u00e9\u00e9", "READY\n", "send:e2", "RESULT 2\nOK"));
    }

    private static List<Object> javaProtocol(List<String> steps) {
        List<Object> trace = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        List<String> log = new ArrayList<>();
        ListenerProtocol<String> protocol = new ListenerProtocol<>("listener", new ListenerProtocol.Effects<>() {
            @Override
            public void reject(String event) {
                rejected.add(event);
            }

            @Override
            public void debug(String message) {
                log.add(message);
            }

            @Override
            public void warn(String message) {
                log.add(message);
            }
        });
        for (String step : steps) {
            if (step.startsWith("send:")) {
                protocol.sent(step.substring(5));
            } else if (step.equals("exit")) {
                protocol.exited();
            } else {
                protocol.output(step.getBytes(StandardCharsets.ISO_8859_1));
            }
            trace.add(map("state", protocol.state().name(), "rejected", List.copyOf(rejected), "log", List.copyOf(log)));
            rejected.clear();
            log.clear();
        }
        return trace;
    }

    private static List<Map<String, Object>> captureCases() {
        String b = "<!--XSUPERVISOR:BEGIN-->";
        String e = "<!--XSUPERVISOR:END-->";
        return List.of(
                map("maxbytes", 100, "chunks", List.of("hello " + b + "abc" + e + " bye and more data", "!")),
                map("maxbytes", 100, "chunks", List.of("short", "er than a token? no, longer", "<!--XSUPER",
                        "VISOR:BEGIN-->inside the capture", "<!--XSUPERVISOR:E", "ND-->after it, long enough")),
                map("maxbytes", 5, "chunks", List.of(b + "0123456789", "abcdefgh", "XY" + e + "tail tail tail tail tail")),
                map("maxbytes", 0, "chunks", List.of("no capture " + b + "x" + e, "", "y")),
                map("maxbytes", 100, "chunks", List.of(b + e + b + "twice" + e + "012345678901234567890123")),
                map("maxbytes", 1024, "chunks", List.of("<", "!", "--XSUPERVISOR:BEGIN--", ">caf\u00c3\u00a9 ",
                        "<!--XSUPERVISOR:END--> and the rest of the line\n")));
    }

    @SuppressWarnings("unchecked")
    private static List<Object> javaCapture(Map<String, Object> c) {
        CaptureMode mode = new CaptureMode(((Integer) c.get("maxbytes")).longValue());
        List<Object> trace = new ArrayList<>();
        for (String chunk : (List<String>) c.get("chunks")) {
            List<Object> pieces = new ArrayList<>();
            for (CaptureMode.Piece p : mode.read(chunk.getBytes(StandardCharsets.ISO_8859_1))) {
                if (p instanceof CaptureMode.Output o) {
                    pieces.add(map("kind", "output", "data", latin1(o.data()), "captured", o.captured()));
                } else if (p instanceof CaptureMode.Communication m) {
                    pieces.add(map("kind", "comm", "data", latin1(m.data())));
                }
            }
            trace.add(pieces);
        }
        return trace;
    }

    @Test
    void payloadsProtocolAndCaptureModeAreSupervisors() throws Exception {
        List<PayloadCase> payloads = payloadCases();
        List<List<String>> protocol = protocolCases();
        List<Map<String, Object>> capture = captureCases();
        String input = JsonWriter.write(map("payloads", payloads.stream().map(PayloadCase::spec).toList(),
                "protocol", protocol, "capture", capture));
        List<Object> javaPayloads = new ArrayList<>();
        for (PayloadCase c : payloads) {
            String payload = EventPayload.of(c.event());
            javaPayloads.add(latin1(new EventEnvelope("supervisor", 7, "pool", 3, c.event().type(), payload).bytes()));
        }
        String expected = JsonWriter.write(map("payloads", javaPayloads,
                "protocol", protocol.stream().map(EventsDifferentialTest::javaProtocol).toList(),
                "capture", capture.stream().map(EventsDifferentialTest::javaCapture).toList()));
        assertEquals(python(input), expected);
    }
}
