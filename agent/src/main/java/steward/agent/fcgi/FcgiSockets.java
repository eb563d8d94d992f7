package steward.agent.fcgi;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import steward.agent.engine.Engine;
import steward.compat.events.EventSource;
import steward.compat.events.EventType;
import steward.agent.engine.ForwardingOutput;
import steward.agent.engine.OutputHandler;
import steward.agent.engine.ProcessHooks;
import steward.agent.logs.DaemonLog;
import steward.agent.os.Fds;
import steward.agent.sockets.ListeningSocket;
import steward.compat.api.ProcessRef;
import steward.compat.api.ProcessState;
import steward.compat.config.FcgiSocket;
import steward.compat.config.GroupConfig;
import steward.compat.config.GroupKind;
import steward.compat.config.ProcessConfig;
import steward.compat.events.EngineEvent;
import steward.compat.events.EventSubscriber;

/**
 * The listening sockets of {@code [fcgi-program:x]} groups, as Supervisor's SocketManager keeps
 * them: a group's socket is created when its first process spawns ("Creating socket URL"), handed
 * to every process of the group as fd 0, and closed when the last of them has ended ("Closing
 * socket URL"). Everything runs on the engine's loop thread (hooks and an on-loop subscriber).
 */
public final class FcgiSockets implements ProcessHooks, EventSubscriber {
    /** Given as stdin when the socket cannot be made: no such fd, so the spawn fails. */
    static final int NO_SOCKET = Integer.MAX_VALUE;

    private final DaemonLog log;
    private Function<String, Optional<GroupConfig>> groups;
    private final Map<String, Open> open = new HashMap<>();

    /** An open socket and the processes that hold it. */
    private static final class Open {
        final FcgiSocket config;
        final int fd;
        final Set<String> holders = new HashSet<>();

        Open(FcgiSocket config, int fd) {
            this.config = config;
            this.fd = fd;
        }
    }

    /** Sockets for the engine given to {@link #attach}. */
    public FcgiSockets(DaemonLog log) {
        this(log, name -> Optional.empty());
    }

    /** @param groups the configured group of a name (the engine's most recently read configuration) */
    FcgiSockets(DaemonLog log, Function<String, Optional<GroupConfig>> groups) {
        this.log = log;
        this.groups = groups;
    }

    /**
     * Serves {@code engine}: the kind of a group is read from its view's configured groups, and its
     * process state and group removals are heard on its loop. Call before {@code engine.start()}.
     */
    public void attach(Engine engine) {
        this.groups = name -> engine.view().configuredGroup(name);
        engine.subscribe(this, EventSource.Delivery.onLoop("fcgi sockets"), EventType.PROCESS_STATE,
                EventType.PROCESS_GROUP_REMOVED);
    }

    /**
     * Creates and closes every fcgi socket of {@code groups}, as Supervisor does when it makes the
     * groups: a socket that cannot be made is reported before anything starts.
     *
     * @throws IllegalStateException "Could not create FastCGI socket URL: REASON"
     */
    public static void check(List<GroupConfig> groups) {
        for (GroupConfig g : groups) {
            if (g.kind() instanceof GroupKind.FastCgi f) {
                try {
                    Fds.close(ListeningSocket.open(f.socket()));
                } catch (ListeningSocket.SocketError e) {
                    throw new IllegalStateException("Could not create FastCGI socket " + f.socket().url() + ": "
                            + e.getMessage());
                }
            }
        }
    }

    private Optional<FcgiSocket> socketOf(String group) {
        return groups.apply(group).map(GroupConfig::kind).filter(k -> k instanceof GroupKind.FastCgi)
                .map(k -> ((GroupKind.FastCgi) k).socket());
    }

    @Override
    public int stdinFd(ProcessRef ref, ProcessConfig config) {
        Optional<FcgiSocket> socket = socketOf(ref.group());
        if (socket.isEmpty()) {
            return -1;
        }
        Open o = open.get(ref.group());
        if (o == null) {
            log.info("Creating socket " + socket.get().url());
            try {
                o = new Open(socket.get(), ListeningSocket.open(socket.get()));
            } catch (ListeningSocket.SocketError e) {
                log.error("Could not create FastCGI socket " + socket.get().url() + ": " + e.getMessage());
                // never a pipe in its place: an fd that cannot exist makes this spawn fail (EBADF), and
                // the process backs off and retries as after any spawn error
                return NO_SOCKET;
            }
            open.put(ref.group(), o);
        }
        o.holders.add(ref.name());
        return o.fd;
    }

    @Override
    public OutputHandler output(ProcessRef ref, ProcessConfig config, OutputHandler standard) {
        if (socketOf(ref.group()).isEmpty()) {
            return standard;
        }
        return new ForwardingOutput(standard) {
            @Override
            public void exited() {
                super.exited();
                release(ref);
            }
        };
    }

    /** A process that is not running (any more) holds no socket: a spawn failure, an exit, a removal. */
    @Override
    public void onEvent(EngineEvent.Published published) {
        EngineEvent e = published.event();
        if (e instanceof EngineEvent.ProcessStateChanged s && s.to() != ProcessState.STARTING
                && s.to() != ProcessState.RUNNING && s.to() != ProcessState.STOPPING) {
            release(s.process());
        } else if (e instanceof EngineEvent.GroupChanged g && !g.added()) {
            Open o = open.get(g.group());
            if (o != null) {
                o.holders.clear();
                close(g.group(), o);
            }
        }
    }

    private void release(ProcessRef ref) {
        Open o = open.get(ref.group());
        if (o != null && o.holders.remove(ref.name()) && o.holders.isEmpty()) {
            close(ref.group(), o);
        }
    }

    private void close(String group, Open o) {
        log.info("Closing socket " + o.config.url());
        Fds.close(o.fd);
        open.remove(group);
    }

    /** The fd of a group's socket while it is open (for tests and status). */
    public Optional<Integer> openFd(String group) {
        return Optional.ofNullable(open.get(group)).map(o -> o.fd);
    }
}
