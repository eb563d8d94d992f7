package steward.compat.rpc;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import steward.compat.api.Fault;
import steward.compat.api.ProcessControl;
import steward.compat.api.EngineView;
import steward.compat.api.RpcFault;

/**
 * start, stop and signal of one process, a group, or everything, composed over ProcessControl: each
 * request resolves its names and selects its processes in one view; whether a process may be
 * started, stopped or signalled is the engine's decision (its faults come back re-worded with the
 * name the client gave).
 */
final class ProcessCalls {
    /** Faults whose text supervisord builds from the name the client gave. */
    private static final Set<Fault> NAMED = Set.of(Fault.BAD_NAME, Fault.ALREADY_STARTED, Fault.SPAWN_ERROR,
            Fault.ABNORMAL_TERMINATION, Fault.NOT_RUNNING);

    /** The end of the engine's refusal of a start in the UNKNOWN state; supervisord names the spec. */
    private static final String UNKNOWN_STATE = " is in an unknown process state";

    private final ProcessControl control;

    ProcessCalls(ProcessControl control) {
        this.control = control;
    }

    Object start(String spec, boolean wait) throws RpcFault {
        return start(control.view(), spec, wait);
    }

    /** The engine decides whether the process may start (ALREADY_STARTED, an UNKNOWN state's FAILED). */
    private Object start(EngineView view, String spec, boolean wait) throws RpcFault {
        Target t = Target.resolve(view, spec);
        if (t.process().isEmpty()) {
            return startGroup(view, t.group(), wait);
        }
        return named(control.start(Target.ref(t.process().get()), wait), spec);
    }

    Object startGroup(String group, boolean wait) throws RpcFault {
        return startGroup(control.view(), group, wait);
    }

    private Object startGroup(EngineView view, String group, boolean wait) throws RpcFault {
        requireGroup(view, group);
        return GroupCall.run(Target.groupMembers(view, group), p -> !p.state().isRunning(), ns -> start(view, ns, wait));
    }

    Object startAll(boolean wait) {
        EngineView view = control.view();
        return GroupCall.run(Target.allByPriority(view), p -> !p.state().isRunning(), ns -> start(view, ns, wait));
    }

    Object stop(String spec, boolean wait) throws RpcFault {
        return stop(control.view(), spec, wait);
    }

    /** The engine decides whether the process may stop (NOT_RUNNING). */
    private Object stop(EngineView view, String spec, boolean wait) throws RpcFault {
        Target t = Target.resolve(view, spec);
        if (t.process().isEmpty()) {
            return stopGroup(view, t.group(), wait);
        }
        return named(control.stop(Target.ref(t.process().get()), wait), spec);
    }

    Object stopGroup(String group, boolean wait) throws RpcFault {
        return stopGroup(control.view(), group, wait);
    }

    private Object stopGroup(EngineView view, String group, boolean wait) throws RpcFault {
        requireGroup(view, group);
        return GroupCall.run(Target.groupMembers(view, group), p -> p.state().isRunning(), ns -> stop(view, ns, wait));
    }

    Object stopAll(boolean wait) {
        EngineView view = control.view();
        return GroupCall.run(Target.allByPriority(view), p -> p.state().isRunning(), ns -> stop(view, ns, wait));
    }

    Object signal(String spec, String signal) throws RpcFault {
        return signal(control.view(), spec, signal);
    }

    /** The engine decides whether the process may be signalled (NOT_RUNNING). */
    private Object signal(EngineView view, String spec, String signal) throws RpcFault {
        Target t = Target.resolve(view, spec);
        if (t.process().isEmpty()) {
            return signalGroup(view, t.group(), signal);
        }
        int signo = signalNumber(signal);
        try {
            control.signal(Target.ref(t.process().get()), signo);
        } catch (RpcFault f) {
            throw NAMED.contains(f.fault()) ? new RpcFault(f.fault(), spec) : f;
        }
        return true;
    }

    Object signalGroup(String group, String signal) throws RpcFault {
        return signalGroup(control.view(), group, signal);
    }

    private Object signalGroup(EngineView view, String group, String signal) throws RpcFault {
        requireGroup(view, group);
        return GroupCall.run(Target.groupMembers(view, group), p -> p.state().isSignallable(),
                ns -> signal(view, ns, signal));
    }

    Object signalAll(String signal) {
        EngineView view = control.view();
        return GroupCall.run(Target.allByPriority(view), p -> p.state().isSignallable(), ns -> signal(view, ns, signal));
    }

    private static void requireGroup(EngineView view, String group) throws RpcFault {
        if (!view.isActive(group)) {
            throw new RpcFault(Fault.BAD_NAME, group);
        }
    }

    /** The engine's outcome as {@code true}, its faults re-worded with the name the client used. */
    private static CompletableFuture<Object> named(CompletableFuture<Void> outcome, String spec) {
        return outcome.handle((v, e) -> {
            if (e == null) {
                return true;
            }
            RpcFault f = RpcDispatcher.faultOf(e);
            if (f != null && NAMED.contains(f.fault())) {
                throw new CompletionException(new RpcFault(f.fault(), spec));
            }
            if (f != null && f.fault() == Fault.FAILED && f.getMessage().endsWith(UNKNOWN_STATE)) {
                throw new CompletionException(new RpcFault(Fault.FAILED, spec + UNKNOWN_STATE));
            }
            throw e instanceof CompletionException ce ? ce : new CompletionException(e);
        });
    }

    /** supervisord's signal_number(): a number or a name with or without SIG; BAD_SIGNAL otherwise. */
    private static int signalNumber(String signal) throws RpcFault {
        try {
            return steward.compat.config.Values.signal(signal).number();
        } catch (IllegalArgumentException e) {
            throw new RpcFault(Fault.BAD_SIGNAL, signal);
        }
    }
}
