package steward.compat.config;

import java.util.List;

/**
 * What kind of process group a section makes: plain programs ({@code [program:x]}, {@code [group:x]}),
 * an event listener pool ({@code [eventlistener:x]}) or a FastCGI program ({@code [fcgi-program:x]}).
 */
public sealed interface GroupKind {
    /** {@code [program:x]} and {@code [group:x]}. */
    GroupKind PROGRAMS = new Programs();

    record Programs() implements GroupKind {
    }

    /**
     * {@code [eventlistener:x]}.
     *
     * @param bufferSize {@code buffer_size}: events kept while no listener of the pool is ready
     * @param events the subscribed event type names ({@code events=}), upper case, unique, sorted
     * @param resultHandler {@code result_handler} as written (only Supervisor's default runs)
     */
    record EventListenerPool(int bufferSize, List<String> events, String resultHandler) implements GroupKind {
        public EventListenerPool {
            events = List.copyOf(events);
        }
    }

    /** {@code [fcgi-program:x]}: every process gets the group's listening socket as fd 0. */
    record FastCgi(FcgiSocket socket) implements GroupKind {
    }
}
