package steward.compat.ctl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import steward.compat.api.ConfigDiff;
import steward.compat.config.UnixHttpServerConfig;
import steward.compat.http.ControlServer;
import steward.compat.testing.Cli;
import steward.compat.testing.FakeControl;

/** Ctl.run against the real supervisorctl: same server state, same output, same exit status. */
class CtlDifferentialIT {
    private static final String CTL = "/usr/bin/supervisorctl";

    @TempDir
    Path dir;

    private FakeControl control() throws Exception {
        FakeControl c = new FakeControl();
        FakeControl.Proc ga = c.add("grp", "ga", 999);
        c.add("grp", "gb", 999);
        c.add("never", "never", 999);
        FakeControl.Proc sleeper = c.add("sleeper", "sleeper", 999);
        c.run(ga);
        c.run(sleeper);
        Path out = dir.resolve("sleeper.out");
        Files.writeString(out, "line one\nline two\n");
        sleeper.stdout = out.toString();
        Path main = dir.resolve("main.log");
        Files.writeString(main, "2026-01-01 00:00:00,000 INFO supervisord started\n");
        c.mainLog = main;
        c.diff = new ConfigDiff(List.of("newgrp"), List.of("grp"), List.of("never"));
        return c;
    }

    private Cli.Result viaSupervisorctl(List<String> args) throws Exception {
        FakeControl c = control();
        Path sock = dir.resolve("a.sock");
        try (ControlServer server = serve(c, sock)) {
            List<String> cmd = new ArrayList<>(List.of(CTL, "-s", "unix://" + sock));
            cmd.addAll(args);
            return Cli.run(cmd);
        }
    }

    private Cli.Result viaCtl(List<String> args) throws Exception {
        FakeControl c = control();
        Path sock = dir.resolve("b.sock");
        try (ControlServer server = serve(c, sock)) {
            List<String> cmd = new ArrayList<>(List.of("-s", "unix://" + sock));
            cmd.addAll(args);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int exit = Ctl.run(cmd, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            return new Cli.Result(out.toString(StandardCharsets.UTF_8).replace("b.sock", "a.sock"), err.toString(StandardCharsets.UTF_8), exit);
        }
    }

    private static ControlServer serve(FakeControl c, Path sock) throws Exception {
        return ControlServer.builder(c)
                .unix(Optional.of(new UnixHttpServerConfig(sock, 0700, Optional.empty(), Optional.empty(), Optional.empty())))
                .start();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "status", "status sleeper grp:*", "status multi grp nosuch grp:", "status all",
        "start nosuch grp:gb", "start sleeper", "start all", "start grp:*", "start nosuchgroup:*", "start",
        "stop grp:*", "stop never", "stop all", "stop sleeper", "stop",
        "restart sleeper", "restart all",
        "signal HUP sleeper never nosuch", "signal BOGUS sleeper", "signal USR1 grp:*", "signal HUP all", "signal HUP",
        "pid", "pid sleeper", "pid all", "pid nosuch never",
        "tail sleeper", "tail -4 sleeper", "tail nosuch", "tail sleeper stderr", "tail sleeper bogus", "tail -x sleeper",
        "maintail", "maintail -10", "maintail bad",
        "clear sleeper", "clear all", "clear nosuch",
        "avail", "reread", "update", "update grp", "update nosuch", "add newgrp", "add grp", "remove never", "remove sleeper",
        "version", "shutdown", "reload", "bogus verb",
    })
    void sameOutputAndExitStatus(String command) throws Exception {
        Cli.require(CTL);
        List<String> args = Arrays.asList(command.split(" "));
        Cli.Result real = viaSupervisorctl(args);
        Cli.Result ours = viaCtl(args);
        // supervisorctl appends the Python source location of unexpected errors; Steward does not
        assertEquals(real.out().replaceAll(": file: \\S+ line: \\d+", ""), ours.out(), command);
        assertEquals(real.exit(), ours.exit(), command);
    }

    @ParameterizedTest
    @ValueSource(strings = {"status", "start x", "version"})
    void missingSocket(String command) throws Exception {
        Cli.require(CTL);
        List<String> args = new ArrayList<>(List.of("-s", "unix://" + dir.resolve("none.sock")));
        args.addAll(Arrays.asList(command.split(" ")));
        List<String> cmd = new ArrayList<>(List.of(CTL));
        cmd.addAll(args);
        Cli.Result real = Cli.run(cmd);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = Ctl.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertEquals(real.out(), out.toString(StandardCharsets.UTF_8), command);
        assertEquals(real.exit(), exit, command);
    }
}
