package steward.compat.rpc;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import steward.compat.api.Fault;
import steward.compat.api.ProcessControl;
import steward.compat.api.ProcessInfo;
import steward.compat.api.ProcessState;
import steward.compat.api.RpcFault;

/** start, stop and signal of one process, a group, or everything, composed over ProcessControl. */
final class ProcessCalls {
    /** Faults whose text supervisord builds from the name the client gave. */
    private static final Set<Fault> NAMED = Set.of(Fault.BAD_NAME, Fault.ALREADY_STARTED, Fault.SPAWN_ERROR,
            Fault.ABNORMAL_TERMINATION, Fault.NOT_RUNNING);

    private final ProcessControl control;

    ProcessCalls(ProcessControl control) {
        this.control = control;
    }

    Object start(String spec, boolean wait) throws RpcFault {
        Target t = Target.resolve(control, spec);
        if (t.process().isEmpty()) {
            return startGroup(t.group(), wait);
        }
        ProcessInfo p = t.process().get();
        if (p.state() == ProcessState.UNKNOWN) {
            throw new RpcFault(Fault.FAILED, spec + " is in an unknown process state");
        }
        return named(control.start(Target.ref(p), wait), spec);
    }

    Object startGroup(String group, boolean wait) throws RpcFault {
        requireGroup(group);
        return GroupCall.run(Target.groupMembers(control, group), p -> !p.state().isRunning(), ns -> start(ns, wait));
    }

    Object startAll(boolean wait) {
        return GroupCall.run(Target.allByPriority(control), p -> !p.state().isRunning(), ns -> start(ns, wait));
    }

    Object stop(String spec, boolean wait) throws RpcFault {
        Target t = Target.resolve(control, spec);
        if (t.process().isEmpty()) {
            return stopGroup(t.group(), wait);
        }
        ProcessInfo p = t.process().get();
        if (!p.state().isRunning()) {
            throw new RpcFault(Fault.NOT_RUNNING, spec);
        }
        return named(control.stop(Target.ref(p), wait), spec);
    }

    Object stopGroup(String group, boolean wait) throws RpcFault {
        requireGroup(group);
        return GroupCall.run(Target.groupMembers(control, group), p -> p.state().isRunning(), ns -> stop(ns, wait));
    }

    Object stopAll(boolean wait) {
        return GroupCall.run(Target.allByPriority(control), p -> p.state().isRunning(), ns -> stop(ns, wait));
    }

    Object signal(String spec, String signal) throws RpcFault {
        Target t = Target.resolve(control, spec);
        if (t.process().isEmpty()) {
            return signalGroup(t.group(), signal);
        }
        int signo = signalNumber(signal);
        ProcessInfo p = t.process().get();
        if (!p.state().isSignallable()) {
            throw new RpcFault(Fault.NOT_RUNNING, spec);
        }
        control.signal(Target.ref(p), signo);
        return true;
    }

    Object signalGroup(String group, String signal) throws RpcFault {
        requireGroup(group);
        return GroupCall.run(Target.groupMembers(control, group), p -> p.state().isSignallable(), ns -> signal(ns, signal));
    }

    Object signalAll(String signal) {
        return GroupCall.run(Target.allByPriority(control), p -> p.state().isSignallable(), ns -> signal(ns, signal));
    }

    private void requireGroup(String group) throws RpcFault {
        if (!control.isActive(group)) {
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
