package steward.agent.deploy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import steward.compat.api.Fault;
import steward.compat.api.ProcessInfo;
import steward.compat.api.RpcFault;
import steward.compat.rpc.MethodTable;

/**
 * The agent's {@code steward.*} XML-RPC methods, beside supervisor.* on the control socket:
 * {@code activate}, {@code rollback}, {@code progress} (a long poll on a deploy's transcript),
 * {@code readiness} and {@code info}.
 */
public final class StewardMethods {
    private static final long POLL_MS = 1000;

    private StewardMethods() {
    }

    public static MethodTable table(DeployService deploys, Readiness readiness, DrainGate gate,
            Supplier<Map<String, Object>> info) {
        return MethodTable.builder("steward")
                .add("activate", List.of("string", "string", "int"),
                        "Make a built release (rsync-…) the running one: switch, postinstall, stop old programs, "
                                + "start new ones, wait until responsive. @param string id @param int readyTimeoutSeconds "
                                + "@return string deploy id for steward.progress",
                        p -> deploys.activate(p.expect(2, 2).string(0), seconds(p.integer(1))).id())
                .add("rollback", List.of("string", "int"),
                        "Activate the release before the active one. @param int readyTimeoutSeconds @return string deploy id",
                        p -> deploys.rollback(seconds(p.expect(1, 1).integer(0))).id())
                .add("progress", List.of("struct", "string", "int"),
                        "Lines of a deploy from a position; waits up to 1 s for news. @param string deploy id "
                                + "@param int from @return struct {lines, next, done, ok}",
                        p -> {
                            p.expect(2, 2);
                            String id = p.string(0);
                            Transcript t = deploys.transcript(id).orElseThrow(() -> new RpcFault(Fault.BAD_NAME, id));
                            return t.poll(p.integer(1), POLL_MS).thenApply(StewardMethods::page);
                        })
                .add("readiness", List.of("struct"),
                        "The instance's phase and readiness. @return struct {phase, ready, programs}",
                        p -> report(gate, readiness.check()))
                .add("info", List.of("struct"), "Where the agent lives. @return struct {home, socket, pid, logDir}",
                        p -> info.get())
                .build();
    }

    private static Duration seconds(int s) throws RpcFault {
        if (s <= 0) {
            throw new RpcFault(Fault.INCORRECT_PARAMETERS, "readyTimeoutSeconds must be positive");
        }
        return Duration.ofSeconds(s);
    }

    private static Map<String, Object> page(Transcript.Page p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lines", p.lines());
        m.put("next", p.next());
        m.put("done", p.done());
        m.put("ok", p.ok());
        return m;
    }

    /** The health report: phase, ready, web port, and each program's state; also the health endpoint's JSON. */
    public static Map<String, Object> report(DrainGate gate, Readiness.Report r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("phase", gate.phase().wireName());
        m.put("ready", gate.phase() == DrainGate.Phase.READY && r.ready());
        m.put("webPort", r.webPort().isPresent() ? r.webPort().getAsInt() : -1);
        m.put("webPortOpen", r.portOpen());
        List<Object> programs = new ArrayList<>();
        for (ProcessInfo i : r.programs()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("name", i.namespec());
            p.put("state", i.state().name());
            p.put("pid", i.pid());
            programs.add(p);
        }
        m.put("programs", programs);
        return m;
    }
}
