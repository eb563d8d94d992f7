package steward.compat.web;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import steward.compat.api.Fault;
import steward.compat.api.ProcessControl;
import steward.compat.api.ProcessRef;
import steward.compat.api.RpcFault;
import steward.compat.rpc.RpcDispatcher;

/**
 * The page's actions, through the method table as Supervisor's web.py does them, each ending in the
 * message Supervisor shows: {@code action=refresh|stopall|restartall}, {@code processname=x} with
 * {@code action=start|stop|restart|clearlog}, and Steward's {@code groupname=g} with
 * {@code action=start|stop|restart}. An action Supervisor does not know is an
 * {@link IllegalArgumentException} (its page answers 500).
 */
final class Actions {
    private static final DateTimeFormatter CTIME = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ROOT);

    private final ProcessControl control;
    private final RpcDispatcher rpc;
    private final Clock clock;

    Actions(ProcessControl control, RpcDispatcher rpc, Clock clock) {
        this.control = control;
        this.rpc = rpc;
        this.clock = clock;
    }

    /** Runs the form's action; the future holds the message to show. */
    CompletableFuture<String> run(Form form) {
        String action = form.get("action").orElseThrow();
        switch (action) {
            case "refresh":
                return done("Page refreshed at " + ctime());
            case "stopall":
                return call("supervisor.stopAllProcesses").handle((v, e) -> "All stopped at " + ctime());
            case "restartall":
                return call("supervisor.stopAllProcesses").handle((v, e) -> null)
                        .thenCompose(x -> call("supervisor.startAllProcesses").handle((v, e) -> "All restarted at " + ctime()));
            default:
                break;
        }
        if (form.get("processname").isPresent()) {
            return process(form.get("processname").get(), action);
        }
        if (form.get("groupname").isPresent()) {
            return group(form.get("groupname").get(), action);
        }
        throw new IllegalArgumentException(action);
    }

    private CompletableFuture<String> process(String namespec, String action) {
        int colon = namespec.indexOf(':');
        ProcessRef ref = colon < 0 ? new ProcessRef(namespec, namespec)
                : new ProcessRef(namespec.substring(0, colon), namespec.substring(colon + 1));
        if (control.view().process(ref).isEmpty()) {
            return done("No such process named " + namespec);
        }
        switch (action) {
            case "start":
                return call("supervisor.startProcess", namespec).handle((v, e) -> e == null
                        ? "Process " + namespec + " started" : "ERROR: Process " + namespec + ": " + startError(e));
            case "stop":
                return call("supervisor.stopProcess", namespec).handle((v, e) -> e == null
                        ? "Process " + namespec + " stopped" : unexpected(e));
            case "restart":
                return call("supervisor.stopProcess", namespec).handle((v, e) -> null)
                        .thenCompose(x -> call("supervisor.startProcess", namespec)
                                .handle((v, e) -> "Process " + namespec + " restarted"));
            case "clearlog":
                return call("supervisor.clearProcessLogs", namespec).handle((v, e) -> e == null
                        ? "Log for " + namespec + " cleared" : unexpected(e));
            default:
                throw new IllegalArgumentException(action);
        }
    }

    /** Steward's group actions: every process of group {@code name}, with the failures named. */
    private CompletableFuture<String> group(String name, String action) {
        if (!control.view().isActive(name)) {
            return done("No such group named " + name);
        }
        switch (action) {
            case "start":
                return call("supervisor.startProcessGroup", name).handle((v, e) -> groupMessage(name, "started", v, e));
            case "stop":
                return call("supervisor.stopProcessGroup", name).handle((v, e) -> groupMessage(name, "stopped", v, e));
            case "restart":
                return call("supervisor.stopProcessGroup", name).handle((v, e) -> null)
                        .thenCompose(x -> call("supervisor.startProcessGroup", name)
                                .handle((v, e) -> groupMessage(name, "restarted", v, e)));
            default:
                throw new IllegalArgumentException(action);
        }
    }

    private static String groupMessage(String group, String done, Object results, Throwable error) {
        if (error != null) {
            return "ERROR: Group " + group + ": " + unexpected(error);
        }
        List<String> failed = new ArrayList<>();
        if (results instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> m && !Integer.valueOf(Fault.SUCCESS.code()).equals(m.get("status"))) {
                    failed.add(m.get("group") + ":" + m.get("name") + " " + m.get("description"));
                }
            }
        }
        return failed.isEmpty() ? "Group " + group + " " + done
                : "ERROR: Group " + group + ": " + String.join("; ", failed);
    }

    private static String startError(Throwable e) {
        RpcFault f = RpcDispatcher.faultOf(e);
        if (f == null) {
            return unexpected(e);
        }
        return switch (f.fault()) {
            case NO_FILE -> "no such file";
            case NOT_EXECUTABLE -> "file not executable";
            case ALREADY_STARTED -> "already started";
            case SPAWN_ERROR -> "spawn error";
            case ABNORMAL_TERMINATION -> "abnormal termination";
            default -> unexpected(e);
        };
    }

    static String unexpected(Throwable e) {
        RpcFault f = RpcDispatcher.faultOf(e);
        return f == null ? "unexpected error " + e : "unexpected rpc fault [" + f.code() + "] " + f.faultString();
    }

    /** Python's {@code time.ctime()}: {@code Sun Nov  1 18:12:46 2026}. */
    String ctime() {
        return ZonedDateTime.now(clock).format(CTIME);
    }

    private CompletableFuture<Object> call(String method, Object... params) {
        return rpc.call(method, List.of(params));
    }

    private static CompletableFuture<String> done(String message) {
        return CompletableFuture.completedFuture(message);
    }
}
