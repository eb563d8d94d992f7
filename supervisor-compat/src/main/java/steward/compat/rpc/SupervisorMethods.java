package steward.compat.rpc;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import steward.compat.api.ConfigDiff;
import steward.compat.api.EngineView;
import steward.compat.api.Fault;
import steward.compat.api.GroupView;
import steward.compat.api.ProcessControl;
import steward.compat.api.ProcessInfo;
import steward.compat.api.RpcFault;
import steward.compat.api.SupervisorState;
import steward.compat.xmlrpc.RawXml;
import steward.compat.xmlrpc.XmlRpcWriter;

/** The {@code supervisor.*} namespace of supervisord 4.2.5, aliases included, onto ProcessControl. */
final class SupervisorMethods {
    private static final String API_VERSION = "3.0";

    private final ProcessControl control;
    private final String version;
    private final Descriptions descriptions;
    private final ProcessCalls calls;
    private volatile EncodedAll lastAll;

    SupervisorMethods(ProcessControl control, String version, ZoneId zone) {
        this.control = control;
        this.version = version;
        this.descriptions = new Descriptions(zone);
        this.calls = new ProcessCalls(control);
    }

    /** Refuses every call while the daemon is shutting down or restarting. */
    private MethodTable.Handler guarded(MethodTable.Handler h) {
        return p -> {
            SupervisorState s = control.view().state();
            if (s == SupervisorState.SHUTDOWN || s == SupervisorState.RESTARTING) {
                throw new RpcFault(Fault.SHUTDOWN_STATE);
            }
            return h.call(p);
        };
    }

    MethodTable table() {
        Builder b = new Builder();
        b.add("getAPIVersion", "string", "", "Return the version of the RPC API used by supervisord",
                p -> API_VERSION);
        b.add("getSupervisorVersion", "string", "", "Return the version of the supervisor package in use",
                p -> version);
        b.add("getIdentification", "string", "", "Return the identifier string of supervisord",
                p -> control.view().identification());
        b.add("getState", "struct", "", "Return the state of supervisord: {statecode, statename}", p -> {
            SupervisorState s = control.view().state();
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("statecode", s.code());
            m.put("statename", s.name());
            return m;
        });
        b.add("getPID", "int", "", "Return the pid of supervisord", p -> (int) control.view().daemonPid());
        b.add("readLog", "string", "int offset, int length", "Read length bytes from the main log at offset "
                + "(a negative offset with length 0 reads the last bytes)", p -> LogReads.read(
                control.view().mainLogFile().map(Object::toString).orElse(null), p.integer(0), p.integer(1)));
        b.add("clearLog", "boolean", "", "Clear the main log", p -> {
            Optional<java.nio.file.Path> log = control.view().mainLogFile();
            if (log.isEmpty() || !java.nio.file.Files.exists(log.get())) {
                throw new RpcFault(Fault.NO_FILE);
            }
            control.clearMainLog();
            return true;
        });
        b.add("shutdown", "boolean", "", "Shut down the supervisor process", p -> {
            control.shutdown();
            return true;
        });
        b.add("restart", "boolean", "", "Restart the supervisor process in place", p -> {
            control.restart();
            return true;
        });
        b.add("reloadConfig", "array", "", "Re-read the configuration; returns [[added, changed, removed]] group names",
                p -> {
                    ConfigDiff d = control.reread();
                    return List.of(List.of(d.added(), d.changed(), d.removed()));
                });
        b.add("addProcessGroup", "boolean", "string name", "Activate a configured process group", p -> {
            control.addGroup(p.string(0));
            return true;
        });
        b.add("removeProcessGroup", "boolean", "string name", "Remove a stopped process group", p -> {
            control.removeGroup(p.string(0));
            return true;
        });
        b.add("getProcessInfo", "struct", "string name", "Get info about a process named name", p ->
                descriptions.struct(Target.resolve(control.view(), p.string(0)).requireProcess()));
        b.add("getAllProcessInfo", "array", "", "Get info about all processes, sorted by group then name",
                p -> allProcessInfo());
        b.add("getAllConfigInfo", "array", "", "Get info about all configured processes", p -> ConfigInfo.all(control.view()));
        b.add("startProcess", "boolean", "string name, boolean wait", "Start a process (or group with g:*); "
                + "with wait, reply once it is RUNNING", p -> calls.start(p.string(0), p.flag(1, true)));
        b.add("startProcessGroup", "array", "string name, boolean wait", "Start the processes of a group that are not running",
                p -> calls.startGroup(p.string(0), p.flag(1, true)));
        b.add("startAllProcesses", "array", "boolean wait", "Start every process that is not running",
                p -> calls.startAll(p.flag(0, true)));
        b.add("stopProcess", "boolean", "string name, boolean wait", "Stop a process (or group with g:*); "
                + "with wait, reply once it is stopped", p -> calls.stop(p.string(0), p.flag(1, true)));
        b.add("stopProcessGroup", "array", "string name, boolean wait", "Stop the running processes of a group",
                p -> calls.stopGroup(p.string(0), p.flag(1, true)));
        b.add("stopAllProcesses", "array", "boolean wait", "Stop every running process",
                p -> calls.stopAll(p.flag(0, true)));
        b.add("signalProcess", "boolean", "string name, string signal", "Send a signal (name or number) to a process",
                p -> calls.signal(p.string(0), p.string(1)));
        b.add("signalProcessGroup", "array", "string name, string signal", "Send a signal to every process of a group",
                p -> calls.signalGroup(p.string(0), p.string(1)));
        b.add("signalAllProcesses", "array", "string signal", "Send a signal to every process",
                p -> calls.signalAll(p.string(0)));
        b.add("sendProcessStdin", "boolean", "string name, string chars", "Write chars to the stdin of a process", p -> {
            if (!(p.raw(1) instanceof String chars)) {
                throw new RpcFault(Fault.INCORRECT_PARAMETERS, String.valueOf(p.raw(1)));
            }
            ProcessInfo info = Target.resolve(control.view(), p.string(0)).requireProcess();
            try {
                control.sendStdin(Target.ref(info), chars);
            } catch (RpcFault f) {
                throw f.fault() == Fault.NOT_RUNNING ? new RpcFault(Fault.NOT_RUNNING, p.string(0)) : f;
            }
            return true;
        });
        b.addUnguarded("sendRemoteCommEvent", "boolean", "string type, string data",
                "Send a REMOTE_COMMUNICATION event to subscribed event listeners", p -> {
                    control.sendRemoteCommEvent(p.string(0), p.string(1));
                    return true;
                });
        b.add("readProcessStdoutLog", "string", "string name, int offset, int length",
                "Read length bytes from the stdout log of a process at offset", p -> LogReads.read(
                        Target.resolve(control.view(), p.string(0)).requireProcess().stdoutLogfile(), p.integer(1), p.integer(2)));
        b.add("readProcessStderrLog", "string", "string name, int offset, int length",
                "Read length bytes from the stderr log of a process at offset", p -> LogReads.read(
                        Target.resolve(control.view(), p.string(0)).requireProcess().stderrLogfile(), p.integer(1), p.integer(2)));
        b.add("tailProcessStdoutLog", "array", "string name, int offset, int length",
                "Tail the stdout log: [bytes, new offset, overflow]", p -> LogReads.tail(
                        Target.resolve(control.view(), p.string(0)).requireProcess().stdoutLogfile(), p.integer(1), p.integer(2)));
        b.add("tailProcessStderrLog", "array", "string name, int offset, int length",
                "Tail the stderr log: [bytes, new offset, overflow]", p -> LogReads.tail(
                        Target.resolve(control.view(), p.string(0)).requireProcess().stderrLogfile(), p.integer(1), p.integer(2)));
        b.add("clearProcessLogs", "boolean", "string name", "Clear the stdout and stderr logs of a process", p -> {
            control.clearLogs(Target.ref(Target.resolve(control.view(), p.string(0)).requireProcess()));
            return true;
        });
        b.add("clearAllProcessLogs", "array", "", "Clear the logs of every process", p ->
                clearAll(control.view()));
        b.builder.alias("getVersion", "getAPIVersion")
                .alias("readMainLog", "readLog")
                .alias("readProcessLog", "readProcessStdoutLog")
                .alias("tailProcessLog", "tailProcessStdoutLog")
                .alias("clearProcessLog", "clearProcessLogs");
        return b.builder.build();
    }

    /** clearAllProcessLogs: every process of one view, in priority order. */
    private Object clearAll(EngineView view) {
        return GroupCall.run(Target.allByPriority(view), x -> true, ns -> {
            control.clearLogs(Target.ref(Target.resolve(view, ns).requireProcess()));
            return true;
        });
    }

    /** The last getAllProcessInfo answer: the view's groups it was encoded from, its {@code now}, and the bytes. */
    private record EncodedAll(List<GroupView> groups, long now, RawXml xml) {
    }

    /**
     * getAllProcessInfo, encoded again only when the engine published a new view or the second ticked.
     * A view's groups are immutable and replaced whole when anything changes, so the same list (by
     * identity) at the same {@code now} gives the same answer: status pollers mostly ask between
     * changes, and their answer then costs no copy and no comparison.
     */
    private RawXml allProcessInfo() {
        EngineView view = control.view();
        EncodedAll last = lastAll;
        if (last != null && last.groups() == view.groups() && last.now() == view.now()) {
            return last.xml();
        }
        RawXml xml = XmlRpcWriter.encode(view.allProcessInfo().stream().map(descriptions::struct).toList());
        lastAll = new EncodedAll(view.groups(), view.now(), xml);
        return xml;
    }

    private final class Builder {
        final MethodTable.Builder builder = MethodTable.builder("supervisor");

        /** Adds a method with an arity check and the shutdown guard; help gets @param/@return lines. */
        void add(String name, String rtype, String params, String text, MethodTable.Handler h) {
            addUnguarded(name, rtype, params, text, guarded(h));
        }

        void addUnguarded(String name, String rtype, String params, String text, MethodTable.Handler h) {
            List<String> sig = new java.util.ArrayList<>(List.of(rtype));
            StringBuilder help = new StringBuilder(text).append('\n');
            int required = 0;
            int optional = 0;
            for (String param : params.isEmpty() ? new String[0] : params.split(", ")) {
                String[] typeName = param.split(" ");
                sig.add(typeName[0]);
                help.append("@param ").append(param).append('\n');
                if (typeName[1].equals("wait")) {
                    optional++;
                } else {
                    required++;
                }
            }
            help.append("@return ").append(rtype).append(" result");
            int min = required;
            int max = required + optional;
            builder.add(name, sig, help.toString(), p -> h.call(p.expect(min, max)));
        }
    }
}
