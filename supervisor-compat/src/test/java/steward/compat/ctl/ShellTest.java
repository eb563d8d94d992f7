package steward.compat.ctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import steward.compat.config.UnixHttpServerConfig;
import steward.compat.http.ControlServer;
import steward.compat.testing.FakeControl;

/** The shell's line rules (Python's cmd), its loop over piped lines, and completion against a live socket. */
class ShellTest {
    @TempDir
    Path dir;
    private final FakeControl control = new FakeControl();
    private ControlServer server;
    private String url;

    @BeforeEach
    void start() throws Exception {
        control.run(control.add("web", "web", 1));
        control.add("grp", "a", 1);
        control.add("grp", "b", 1);
        server = ControlServer.builder(control).unix(Optional.of(new UnixHttpServerConfig(dir.resolve("s.sock"), 0700,
                Optional.empty(), Optional.empty(), Optional.empty()))).start();
        url = "unix://" + dir.resolve("s.sock");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String shell(String input) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        int exit = Ctl.run(List.of("-s", url), new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out, err);
        assertEquals(0, exit, "the shell always exits 0");
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void statusFirstThenAPromptPerLineUntilEndOfInput() {
        String out = shell("status web\n\n?quit\n  bogus  thing \n-x\nhelp nosuch\nopen ftp://x\n");
        String status = "grp:a                            STOPPED   Not started\n"
                + "grp:b                            STOPPED   Not started\n"
                + "web                              RUNNING   pid 1001, uptime 0:03:20\n";
        assertEquals(status + "supervisor> web                              RUNNING   pid 1001, uptime 0:03:20\n"
                + "supervisor> supervisor> quit\tExit the supervisor shell.\n"
                + "supervisor> *** Unknown syntax: bogus  thing\n"
                + "supervisor> *** Unknown syntax: -x\n"
                + "supervisor> *** No help on nosuch\n"
                + "supervisor> ERROR: url must be http:// or unix://\n"
                + "supervisor> \n", out);
    }

    @Test
    void quitEndsTheShellAndTheRestIsNotRead() {
        String out = shell("quit\nstop web\n");
        assertTrue(out.endsWith("supervisor> \n"), out);
        assertEquals("RUNNING", control.proc("web", "web").state.name());
    }

    @Test
    void oneCommandIsTheSameLineRules() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        assertEquals(1, Ctl.run(List.of("-s", url, "bogus", "x"), out, out));
        assertEquals(0, Ctl.run(List.of("-s", url, "help", "help"), out, out));
        assertEquals("*** Unknown syntax: bogus x\nhelp\t\tPrint a list of available actions\n"
                + "help <action>\tPrint help for <action>\n", bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void completesCommandsGroupsAndProcessesAsSupervisorctl() {
        Completion c = new Completion(new Shell(url, null, null, System.out));
        assertEquals(List.of("start ", "status ", "stop "), c.matches("st", "st"));
        assertEquals(List.of("reload ", "remove ", "reread ", "restart "), c.matches("help re", "re"));
        assertEquals(List.of("grp:a ", "grp:* ", "grp:b ", "web "), c.matches("stop ", ""));
        assertEquals(List.of("web:web ", "web:* "), c.matches("stop web:", "web:"));
        assertEquals(List.of("grp:a ", "grp:* ", "grp:b "), c.matches("tail -f g", "g"));
        assertEquals(List.of("grp ", "web "), c.matches("update ", ""));
        assertEquals(List.of(), c.matches("version ", ""));
    }

    @Test
    void aRefusedLoginAsksForCredentialsInTheShellOnly() throws Exception {
        server.close();
        server = ControlServer.builder(control).unix(Optional.of(new UnixHttpServerConfig(dir.resolve("s.sock"), 0700,
                Optional.empty(), Optional.of("admin"), Optional.of("pw")))).start();
        String out = shell("admin\npw\npid web\n");
        assertEquals("Server requires authentication\nUsername:\n"
                + "grp:a                            STOPPED   Not started\n"
                + "grp:b                            STOPPED   Not started\n"
                + "web                              RUNNING   pid 1001, uptime 0:03:20\n"
                + "supervisor> 1001\nsupervisor> \n", out);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        assertEquals(1, Ctl.run(List.of("-s", url, "pid"), ps, ps));
        assertEquals("Server requires authentication\n", bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void fgShowsTheOutputAndSendsEachLineToStdin() throws Exception {
        java.nio.file.Path log = java.nio.file.Files.writeString(dir.resolve("web.log"), "from-the-process\n");
        control.proc("web", "web").stdout = log.toString();
        control.proc("web", "web").stderr = log.toString();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        java.io.PipedOutputStream typing = new java.io.PipedOutputStream();
        java.io.PipedInputStream in = new java.io.PipedInputStream(typing);
        Thread shell = new Thread(() -> Ctl.run(List.of("-s", url), in, out, out));
        shell.start();
        typing.write("fg web\n".getBytes(StandardCharsets.UTF_8));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> bytes.toString(StandardCharsets.UTF_8).contains("from-the-process\nfrom-the-process\n"));
        typing.write("typed line\n".getBytes(StandardCharsets.UTF_8));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> control.calls.contains("stdin web typed line\n"));
        control.finishStop(control.proc("web", "web"));
        typing.write("gone\n".getBytes(StandardCharsets.UTF_8));
        typing.close();
        shell.join(10_000);
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("supervisor> ==> Press Ctrl-C to exit <==\n"), text);
        // the stop is seen by the getProcessInfo after "typed line" ("gone" is then a command at the
        // prompt), or when "gone" cannot be sent: supervisorctl says the same two lines either way
        assertTrue(text.contains("Process got killed\nExiting foreground\nsupervisor> "), text);
        assertTrue(text.endsWith("supervisor> \n") && !text.contains("Exiting foreground\nExiting"), text);
    }
}
