package steward.compat.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import steward.compat.api.Fault;
import steward.compat.api.ProcessState;
import steward.compat.api.RpcFault;
import steward.compat.api.SupervisorState;
import steward.compat.testing.FakeControl;

class RpcDispatcherTest {
    private final FakeControl control = new FakeControl();
    private final RpcDispatcher rpc = RpcDispatcher.create(control, "4.2.5", ZoneId.of("UTC"), List.of(
            MethodTable.builder("steward").add("ping", List.of("string"), "Answer pong\n@return string pong", p -> "pong").build()));

    private Object call(String name, Object... params) {
        return rpc.call(name, List.of(params)).join();
    }

    private String fault(String name, Object... params) {
        CompletableFuture<Object> f = rpc.call(name, List.of(params));
        assertTrue(f.isCompletedExceptionally(), name + " should fault");
        RpcFault fault = RpcDispatcher.faultOf(f.handle((v, e) -> e).join());
        return fault.code() + " " + fault.faultString();
    }

    @Test
    void listsExactlySupervisordsMethodsPlusRegisteredOnes() throws Exception {
        List<String> real = Files.readAllLines(Path.of(getClass().getResource("/supervisord-methods.txt").toURI()));
        List<String> expected = new java.util.ArrayList<>();
        for (String line : real) {
            expected.add(line.substring(0, line.indexOf(' ')));
        }
        expected.add("steward.ping");
        expected.sort(null);
        assertEquals(expected, call("system.listMethods"));
        for (String line : real) {
            String name = line.substring(0, line.indexOf(' '));
            assertEquals(line.substring(line.indexOf(' ') + 1), call("system.methodSignature", name).toString().replace("[", "['")
                    .replace("]", "']").replace(", ", "', '"), name);
        }
        assertEquals("pong", call("steward.ping"));
        assertEquals("4 SIGNATURE_UNSUPPORTED", fault("system.methodHelp", "supervisor._update"));
    }

    @Test
    void unknownAndTraversalNamesAreUnknownMethod() {
        for (String name : List.of("supervisor._update", "supervisor", "a.b.c", "supervisor.supervisord.options", "nosuch.x")) {
            assertEquals("1 UNKNOWN_METHOD", fault(name));
        }
        assertEquals("2 INCORRECT_PARAMETERS", fault("supervisor.getPID", 1));
        assertEquals("2 INCORRECT_PARAMETERS", fault("supervisor.startProcess"));
    }

    @Test
    void namespecsAndDescriptions() {
        control.add("sleeper", "sleeper", 999);
        FakeControl.Proc ga = control.add("grp", "ga", 999);
        control.run(ga);
        control.proc("sleeper", "sleeper").start = control.now - 86400 - 5;
        control.proc("sleeper", "sleeper").state = ProcessState.RUNNING;
        control.proc("sleeper", "sleeper").pid = 7;
        assertEquals("pid 7, uptime 1 day, 0:00:05", desc("sleeper:sleeper"));
        control.proc("sleeper", "sleeper").start = control.now + 5;
        assertEquals("pid 7, uptime 0:00:00", desc("sleeper"));
        control.proc("sleeper", "sleeper").start = control.now - 86400 - 5;
        assertEquals("pid 7, uptime 1 day, 0:00:05", desc("sleeper"));
        assertEquals("10 BAD_NAME: grp", fault("supervisor.getProcessInfo", "grp"));
        assertEquals("10 BAD_NAME: grp:*", fault("supervisor.getProcessInfo", "grp:*"));
        ga.state = ProcessState.STOPPED;
        ga.start = 0;
        assertEquals("Not started", desc("grp:ga"));
        ga.start = 5;
        ga.state = ProcessState.FATAL;
        assertEquals("unknown error (try \"tail ga\")", desc("grp:ga"));
        ga.state = ProcessState.EXITED;
        ga.stop = 1795392300L;
        assertEquals("Nov 23 12:05 AM", desc("grp:ga"));
        ga.state = ProcessState.STARTING;
        assertEquals("", desc("grp:ga"));
    }

    private String desc(String name) {
        return (String) ((Map<?, ?>) call("supervisor.getProcessInfo", name)).get("description");
    }

    @Test
    void groupStartOnlyNotRunningInPriorityOrderAndStopInCompletionOrder() {
        control.instant = false;
        FakeControl.Proc a = control.add("g", "a", 20);
        FakeControl.Proc b = control.add("g", "b", 10);
        FakeControl.Proc c = control.add("g", "c", 5);
        control.run(c);
        CompletableFuture<Object> start = rpc.call("supervisor.startProcess", List.of("g:*"));
        assertEquals(List.of("start g:b true", "start g:a true"), control.calls);
        assertFalse(start.isDone());
        control.finishStart(a);
        control.finishStart(b);
        assertEquals(List.of(result("a", 80, "OK"), result("b", 80, "OK")), start.join());

        control.calls.clear();
        b.state = ProcessState.STOPPED;
        CompletableFuture<Object> stop = rpc.call("supervisor.stopProcessGroup", List.of("g"));
        assertEquals(List.of("stop g:c true", "stop g:a true"), control.calls);
        control.finishStop(a);
        control.finishStop(c);
        assertEquals(List.of(result("a", 80, "OK"), result("c", 80, "OK")), stop.join());
        assertEquals("70 NOT_RUNNING: g:a", fault("supervisor.stopProcess", "g:a"));
    }

    private static Map<String, Object> result(String name, int status, String description) {
        return Map.of("name", name, "group", "g", "status", status, "description", description);
    }

    @Test
    void signalsAndFaults() {
        FakeControl.Proc p = control.add("w", "w", 1);
        assertEquals("70 NOT_RUNNING: w", fault("supervisor.signalProcess", "w", "HUP"));
        control.run(p);
        assertEquals("11 BAD_SIGNAL: 9999", fault("supervisor.signalProcess", "w", "9999"));
        assertEquals(true, call("supervisor.signalProcess", "w", "sigusr1"));
        assertEquals(List.of(Map.of("name", "w", "group", "w", "status", 11, "description", "BAD_SIGNAL: BOGUS")),
                call("supervisor.signalAllProcesses", "BOGUS"));
        assertEquals("signal w 10", control.calls.get(0));
        assertEquals("60 ALREADY_STARTED: w:w", fault("supervisor.startProcess", "w:w"));
        p.state = ProcessState.UNKNOWN;
        assertEquals("30 FAILED: w is in an unknown process state", fault("supervisor.startProcess", "w"));
    }

    @Test
    void multicallUnwrapsSuccessesAndFaultsBadEntries() {
        Object r = call("system.multicall", List.of(Map.of("methodName", "supervisor.getPID"),
                Map.of("methodName", "system.multicall"), Map.of("params", List.of()),
                Map.of("methodName", "supervisor.getState")));
        assertEquals(List.of(4242,
                Map.of("faultCode", 2, "faultString", "INCORRECT_PARAMETERS: Recursive system.multicall forbidden"),
                Map.of("faultCode", 2, "faultString", "INCORRECT_PARAMETERS: No methodName"),
                Map.of("statecode", 1, "statename", "RUNNING")), r);
    }

    @Test
    void shutdownStateRefusesSupervisorCalls() {
        control.state = SupervisorState.SHUTDOWN;
        assertEquals("6 SHUTDOWN_STATE", fault("supervisor.getVersion"));
        assertEquals(true, call("supervisor.sendRemoteCommEvent", "t", "d"));
        assertEquals("pong", call("steward.ping"));
    }

    @Test
    void readAndTailFollowReadFileRules(@TempDir Path dir) throws Exception {
        FakeControl.Proc p = control.add("w", "w", 1);
        assertEquals("20 NO_FILE", fault("supervisor.readProcessStdoutLog", "w", -10, 0));
        Path log = dir.resolve("w.log");
        p.stdout = log.toString();
        assertEquals("20 NO_FILE: " + log, fault("supervisor.readProcessStdoutLog", "w", -10, 0));
        assertEquals(List.of("", 0, false), call("supervisor.tailProcessLog", "w", 0, 10));
        Files.writeString(log, "0123456789abcdef");
        assertEquals("cdef", call("supervisor.readProcessLog", "w", -4, 0));
        assertEquals("0123456789abcdef", call("supervisor.readProcessStdoutLog", "w", -100, 0));
        assertEquals("3 BAD_ARGUMENTS", fault("supervisor.readProcessStdoutLog", "w", -4, 2));
        assertEquals("3 BAD_ARGUMENTS", fault("supervisor.readProcessStdoutLog", "w", 0, -2));
        assertEquals("23", call("supervisor.readProcessStdoutLog", "w", 2, 2));
        assertEquals("abcdef", call("supervisor.readProcessStdoutLog", "w", 10, 0));
        assertEquals(List.of("def", 16, true), call("supervisor.tailProcessStdoutLog", "w", 0, 3));
        assertEquals(List.of("", 16, false), call("supervisor.tailProcessStdoutLog", "w", 16, 3));
        assertEquals("20 NO_FILE", fault("supervisor.readLog", -10, 0));
    }

    @Test
    void configInfoAndReload() {
        control.add("grp", "ga", 5);
        Map<?, ?> info = (Map<?, ?>) ((List<?>) call("supervisor.getAllConfigInfo")).get(0);
        assertEquals(List.of("autostart", "directory", "uid", "command", "exitcodes", "group", "group_prio", "inuse",
                "killasgroup", "name", "process_prio", "redirect_stderr", "startretries", "startsecs",
                "stdout_capture_maxbytes", "stdout_events_enabled", "stdout_logfile", "stdout_logfile_backups",
                "stdout_logfile_maxbytes", "stdout_syslog", "stopsignal", "stopwaitsecs", "stderr_capture_maxbytes",
                "stderr_events_enabled", "stderr_logfile", "stderr_logfile_backups", "stderr_logfile_maxbytes",
                "stderr_syslog", "serverurl"), List.copyOf(info.keySet()));
        assertEquals("none", info.get("serverurl"));
        assertEquals("auto", info.get("stdout_logfile"));
        control.diff = new steward.compat.api.ConfigDiff(List.of("new"), List.of(), List.of("old"));
        assertEquals(List.of(List.of(List.of("new"), List.of(), List.of("old"))), call("supervisor.reloadConfig"));
        control.rereadFault = new RpcFault(Fault.CANT_REREAD, "bad file");
        assertEquals("92 CANT_REREAD: bad file", fault("supervisor.reloadConfig"));
    }
}
