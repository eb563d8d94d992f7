package steward.agent.listeners;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import steward.agent.engine.ProcessStdin;
import steward.agent.logs.DaemonLog;
import steward.agent.os.Fds;
import steward.compat.config.Signals;
import steward.compat.events.EventEnvelope;
import steward.compat.events.EventPayload;
import steward.compat.events.EventType;
import steward.compat.events.ListenerProtocol;

/**
 * One {@code [eventlistener:x]} pool, as Supervisor's EventListenerPool: the events it subscribed
 * to wait in a buffer of {@code buffer_size} (when full, the oldest is dropped and logged); the
 * oldest goes to the first listener that is RUNNING and READY, and an event a listener rejected
 * (FAIL, a protocol error, or its exit while BUSY) goes back to the head of the buffer. A listener
 * that overruns the protocol's bound is killed (SIGKILL), so its autorestart starts it afresh.
 */
final class ListenerPool {
    /** One process of the pool. */
    final class Member {
        final String name;
        final ListenerProtocol<PoolEvent> protocol;
        boolean running;
        /** Its process's output handler was made (once per activation of the group). */
        boolean attached;
        ProcessStdin stdin;
        /** Its running process, 0 when none. */
        int pid;

        Member(String name) {
            this.name = name;
            this.protocol = new ListenerProtocol<>(name, new ListenerProtocol.Effects<>() {
                @Override
                public void reject(PoolEvent event) {
                    accept(event, true);
                }

                @Override
                public void debug(String message) {
                    log.debug(message);
                }

                @Override
                public void warn(String message) {
                    log.warn(message);
                }

                @Override
                public void overflowed() {
                    if (pid > 0) { // its exit puts the event back; autorestart brings it back
                        Fds.kill(pid, Signals.KILL);
                    }
                }
            });
        }
    }

    private final String name;
    private final int bufferSize;
    private final List<EventType> subscribed;
    private final PoolEvent.Serials globalSerials;
    private final PoolEvent.Serials poolSerials = new PoolEvent.Serials();
    private final Supplier<String> server;
    private final DaemonLog log;
    private final LinkedList<PoolEvent> buffer = new LinkedList<>();
    private final Map<String, Member> members = new LinkedHashMap<>();
    private final List<java.util.concurrent.CompletableFuture<Void>> awaitingDelivery = new ArrayList<>();

    /**
     * @param subscribed the pool's {@code events=}; an event matching two of them is accepted twice, as in Supervisor
     * @param server the envelope's {@code server:} ([supervisord] identifier)
     */
    ListenerPool(String name, int bufferSize, List<EventType> subscribed, List<String> processNames,
            PoolEvent.Serials globalSerials, Supplier<String> server, DaemonLog log) {
        this.name = name;
        this.bufferSize = bufferSize;
        this.subscribed = List.copyOf(subscribed);
        this.globalSerials = globalSerials;
        this.server = server;
        this.log = log;
        processNames.forEach(n -> members.put(n, new Member(n)));
    }

    String name() {
        return name;
    }

    Member member(String process) {
        return members.get(process);
    }

    /** Events waiting, oldest first (for tests). */
    List<PoolEvent> buffered() {
        return new ArrayList<>(buffer);
    }

    /** A published event: buffered once for each subscribed type it is a kind of. */
    void offer(PoolEvent event) {
        for (EventType t : subscribed) {
            if (event.event.type().isA(t)) {
                accept(event, false);
            }
        }
    }

    /** Supervisor's {@code _acceptEvent}. */
    void accept(PoolEvent event, boolean head) {
        event.serial(globalSerials);
        if (!event.hasPoolSerial(name)) {
            event.poolSerial(name, poolSerials.next());
        } else {
            log.debug("rebuffering event " + event.serial() + " for pool " + name + " (buf size=" + buffer.size()
                    + ", max=" + bufferSize + ")");
        }
        if (buffer.size() >= bufferSize && !buffer.isEmpty()) {
            PoolEvent discarded = buffer.removeFirst();
            log.error("pool " + name + " event buffer overflowed, discarding event " + discarded.serial());
        }
        if (head) {
            buffer.addFirst(event);
        } else {
            buffer.addLast(event);
        }
    }

    /**
     * Supervisor's {@code transition} then {@code dispatch}: when some listener is RUNNING and READY,
     * sends buffered events while a listener takes them.
     */
    void dispatch() {
        boolean capable = members.values().stream()
                .anyMatch(m -> m.running && m.protocol.state() == ListenerProtocol.State.READY);
        while (capable && !buffer.isEmpty()) {
            PoolEvent event = buffer.removeFirst();
            if (!send(event)) {
                accept(event, true);
                break;
            }
        }
        settle();
    }

    /** Completes once every buffered event was answered, or no listener of the pool can take one (loop). */
    java.util.concurrent.CompletableFuture<Void> delivered() {
        java.util.concurrent.CompletableFuture<Void> f = new java.util.concurrent.CompletableFuture<>();
        awaitingDelivery.add(f);
        settle();
        return f;
    }

    /** Completes the {@link #delivered} waits when nothing is left to deliver or nobody to deliver it to. */
    void settle() {
        if (awaitingDelivery.isEmpty()) {
            return;
        }
        boolean able = members.values().stream()
                .anyMatch(m -> m.running && m.protocol.state() != ListenerProtocol.State.UNKNOWN);
        boolean busy = members.values().stream().anyMatch(m -> m.protocol.state() == ListenerProtocol.State.BUSY);
        if (!able || buffer.isEmpty() && !busy) {
            List<java.util.concurrent.CompletableFuture<Void>> done = new ArrayList<>(awaitingDelivery);
            awaitingDelivery.clear();
            done.forEach(f -> f.complete(null));
        }
    }

    private boolean send(PoolEvent event) {
        for (Member m : members.values()) {
            if (!m.running || m.protocol.state() != ListenerProtocol.State.READY) {
                continue;
            }
            String payload = EventPayload.of(event.event);
            EventEnvelope envelope = new EventEnvelope(server.get(), event.serial(), name, event.poolSerial(name),
                    event.event.type(), payload);
            if (m.stdin == null || !m.stdin.write(envelope.bytes())) {
                log.debug("epipe occurred while sending event " + event.serial() + " to listener " + m.name
                        + ", listener state unchanged");
                continue;
            }
            m.protocol.sent(event);
            log.debug("event " + event.serial() + " sent to listener " + m.name);
            return true;
        }
        return false;
    }
}
