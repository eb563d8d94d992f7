package steward.agent.readiness;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import steward.agent.os.EventLoop;

/**
 * The host of one {@code ready=tcp:}/{@code ready=http://} watch, looked up on a thread of its own so
 * the resolver (a DNS server that does not answer holds a lookup for seconds) never blocks the
 * loop. One lookup at a time; an address found is kept for the rest of the watch (every later
 * attempt connects at once); a failure is not kept, so the next attempt asks again. Loop thread,
 * except the lookup itself.
 */
final class HostLookup {
    /** What turns a name into an address; {@code InetAddress::getByName} but in tests. */
    interface Resolver {
        InetAddress resolve(String host) throws UnknownHostException;
    }

    /** An address, or why there is none. */
    record Answer(InetAddress address, String failure) {
    }

    private final Resolver resolver;
    private final String host;
    private InetAddress found;
    private List<Consumer<Answer>> waiting;

    HostLookup(Resolver resolver, String host) {
        this.resolver = resolver;
        this.host = host;
    }

    String host() {
        return host;
    }

    /** Hands {@code then} the answer on the loop: at once when known, else when the lookup ends. */
    void get(EventLoop loop, Consumer<Answer> then) {
        if (found != null) {
            then.accept(new Answer(found, null));
            return;
        }
        if (waiting != null) {
            waiting.add(then);
            return;
        }
        waiting = new ArrayList<>(List.of(then));
        Thread t = new Thread(() -> {
            Answer a;
            try {
                a = new Answer(resolver.resolve(host), null);
            } catch (UnknownHostException | RuntimeException e) {
                a = new Answer(null, "unknown host " + host);
            }
            Answer answer = a;
            loop.execute(() -> answered(answer));
        }, "steward-ready-lookup");
        t.setDaemon(true);
        t.start();
    }

    private void answered(Answer a) {
        found = a.address();
        List<Consumer<Answer>> w = waiting;
        waiting = null;
        w.forEach(c -> c.accept(a));
    }
}
