package steward.compat.http;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * The listening side of the control server: takes a listener's new connection into its room (each
 * listener has {@code maxConnections} of its own, so idle TCP clients cannot lock out the unix
 * socket), and pauses a listener whose accept fails (EMFILE: out of descriptors) instead of spinning
 * on it, until the next tick. Selector thread only.
 */
final class Accepting {
    private final Selector selector;
    private final Limits limits;
    private final Budget budget;
    private final ServerLog log;
    private final List<SelectionKey> paused = new ArrayList<>();
    private boolean failing;

    /** One listener's connections. */
    static final class Room {
        final Handler router;
        int size;

        Room(Handler router) {
            this.router = router;
        }
    }

    Accepting(Selector selector, Limits limits, Budget budget, ServerLog log) {
        this.selector = selector;
        this.limits = limits;
        this.budget = budget;
        this.log = log;
    }

    /** Starts accepting on {@code ch}, whose connections are served by {@code router}. */
    void listen(ServerSocketChannel ch, Handler router) throws IOException {
        ch.configureBlocking(false);
        ch.register(selector, SelectionKey.OP_ACCEPT, new Room(router));
    }

    /**
     * Accepts one connection on a ready listener, registered for reading and counted in its room;
     * null when there was none, the room is full (it is closed at once) or accept failed.
     */
    Connection accept(SelectionKey key) throws IOException {
        SocketChannel ch;
        try {
            ch = ((ServerSocketChannel) key.channel()).accept();
        } catch (IOException e) {
            pause(key);
            if (!failing) {
                failing = true;
                log.error("cannot accept connections (retrying every 0.1 s)", e);
            }
            return null;
        }
        if (ch == null) {
            return null;
        }
        if (failing) {
            failing = false;
            log.error("accepting connections again");
        }
        Room room = (Room) key.attachment();
        if (room.size >= limits.maxConnections()) {
            ch.close();
            return null;
        }
        ch.configureBlocking(false);
        SelectionKey k = ch.register(selector, SelectionKey.OP_READ);
        Connection c = new Connection(ch, k, limits, room.router, budget);
        k.attach(c);
        room.size++;
        return c;
    }

    /** The room a listener's key counts its connections in. */
    static Room roomOf(SelectionKey key) {
        return (Room) key.attachment();
    }

    /** Stops asking a failing listener for connections until {@link #resume}. */
    void pause(SelectionKey key) {
        if (key.isValid()) {
            key.interestOps(0);
            paused.add(key);
        }
    }

    boolean anyPaused() {
        return !paused.isEmpty();
    }

    void resume() {
        for (SelectionKey key : paused) {
            if (key.isValid()) {
                key.interestOps(SelectionKey.OP_ACCEPT);
            }
        }
        paused.clear();
    }
}
