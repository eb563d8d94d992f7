package steward.compat.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;

/**
 * One client connection, driven by the selector thread: buffers bytes, cuts requests out of them
 * one at a time (keep-alive, no pipelining ahead of a pending reply), queues replies, and carries a
 * log stream once it becomes one. One exception: the RPC worker may write a reply straight to the
 * socket ({@link #writeFromWorker}) when nothing else is pending, saving a hop per call.
 *
 * <p>Hostile clients: the input buffer grows only as bytes arrive (never to an announced length),
 * is charged to the server-wide {@link Budget}, and credentials are checked on the head, before
 * any body is read. A connection must deliver a whole request within {@code requestTimeout} of
 * opening, or of its first byte after a kept-alive reply; stray CRLFs do not restart that clock.
 */
final class Connection {
    enum Phase { IDLE, BUSY, STREAMING, CLOSED }

    private static final int INITIAL = 8 * 1024;
    private static final byte[] NONE = new byte[0];

    private final SocketChannel channel;
    private final SelectionKey key;
    private final Limits limits;
    private final Handler router;
    private final Budget budget;
    private final ArrayDeque<ByteBuffer> out = new ArrayDeque<>();
    /** Allocated on the first read and charged to the budget; its length is what this connection holds. */
    private byte[] in = NONE;
    private int inLen;
    private long pendingOut;
    private Phase phase = Phase.IDLE;
    private boolean closeAfterWrite;
    /** When the request being awaited must be complete, or -1 while idle between kept-alive requests. */
    private long requestDeadline;
    private long idleSince;
    private long lastWriteNanos;
    private Stream stream;
    /** The rest of a reply made as the socket drains (log text read from its file), or null. */
    private SplicedReply producing;
    private boolean producingKeepAlive;
    /**
     * Set by the selector when it hands a request over with nothing left to send: until the reply is
     * posted back, nothing else writes this channel, so the worker may write the reply itself.
     */
    private volatile boolean writableByWorker;

    /** A log stream: where the bytes come from and whether they are chunked. */
    record Stream(FileFollower follower, boolean chunked) {
    }

    Connection(SocketChannel channel, SelectionKey key, Limits limits, Handler router, Budget budget) {
        this.channel = channel;
        this.key = key;
        this.limits = limits;
        this.router = router;
        this.budget = budget;
        long now = System.nanoTime();
        this.requestDeadline = now + limits.requestTimeout().toNanos();
        this.idleSince = now;
        this.lastWriteNanos = now;
    }

    Phase phase() {
        return phase;
    }

    /** Nothing in flight: idle with every reply flushed, or a log stream (which has no end). */
    boolean settled() {
        return phase == Phase.STREAMING || (phase == Phase.IDLE && out.isEmpty());
    }

    void onReadable() {
        try {
            if (inLen == in.length) {
                if (phase != Phase.IDLE && in.length > 0) {
                    key.interestOps(key.interestOps() & ~SelectionKey.OP_READ); // back-pressure while busy
                    return;
                }
                int size = in.length == 0 ? INITIAL : Math.min(in.length * 2, limits.maxHead() + limits.maxBody());
                if (!resize(size)) {
                    fail("HTTP/1.0", 503);
                    return;
                }
            }
            int n = channel.read(ByteBuffer.wrap(in, inLen, in.length - inLen));
            if (n < 0) {
                close();
                return;
            }
            if (phase == Phase.STREAMING) {
                inLen = 0; // a streaming client has nothing more to say; ignore it
                return;
            }
            if (n > 0 && requestDeadline < 0) {
                requestDeadline = System.nanoTime() + limits.requestTimeout().toNanos();
            }
            inLen += n;
            process();
        } catch (IOException e) {
            close();
        }
    }

    /** Cuts the next request out of the buffer and hands it to the router, while idle. */
    private void process() {
        while (phase == Phase.IDLE) {
            int start = 0;
            while (start < inLen && (in[start] == '\r' || in[start] == '\n')) {
                start++;
            }
            if (start > 0) {
                consume(start);
            }
            if (inLen == 0) {
                return;
            }
            int headEnd = indexOfBlankLine();
            if (headEnd < 0) {
                if (inLen >= limits.maxHead()) {
                    fail("HTTP/1.0", 431);
                }
                return;
            }
            Request req = Request.parse(in, 0, headEnd);
            int bodyStart = headEnd + (in[headEnd] == '\r' ? 4 : 2);
            if (req == null) {
                fail("HTTP/1.0", 400);
                return;
            }
            if (!router.admits(req)) {
                fail(req.version(), 401, "WWW-Authenticate: Basic realm=\"default\"");
                return;
            }
            long framed = req.bodyLength(limits.maxBody());
            if (framed < 0) {
                fail(req.version(), (int) -framed);
                return;
            }
            int length = (int) framed;
            if (inLen < bodyStart + length) {
                return; // the buffer grows as the body arrives
            }
            byte[] body = java.util.Arrays.copyOfRange(in, bodyStart, bodyStart + length);
            consume(bodyStart + length);
            requestDeadline = -1;
            phase = Phase.BUSY;
            writableByWorker = out.isEmpty();
            router.handle(this, req, body);
        }
    }

    private int indexOfBlankLine() {
        for (int i = 0; i + 1 < inLen; i++) {
            if (in[i] == '\n' && in[i + 1] == '\n') {
                return i;
            }
            if (i + 3 < inLen && in[i] == '\r' && in[i + 1] == '\n' && in[i + 2] == '\r' && in[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void consume(int n) {
        System.arraycopy(in, n, in, 0, inLen - n);
        inLen -= n;
        if (inLen <= INITIAL && in.length > INITIAL) {
            resize(INITIAL);
        }
    }

    /** Reallocates the input buffer, charging the difference to the budget; false when it does not fit. */
    private boolean resize(int size) {
        long delta = (long) size - in.length;
        if (delta > 0 && !budget.take(delta)) {
            return false;
        }
        if (delta < 0) {
            budget.give(-delta);
        }
        in = size == 0 ? NONE : java.util.Arrays.copyOf(in, size);
        return true;
    }

    /**
     * On the thread that completed the call (the worker, or the engine for a waiting call): writes as much of a reply as the socket takes at once, without waiting for the
     * selector thread, when nothing else is pending on this connection. Returns what is left (maybe
     * nothing) for {@link #reply(ByteBuffer, boolean)} on the selector thread.
     */
    ByteBuffer writeFromWorker(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        if (writableByWorker) {
            writableByWorker = false;
            try {
                channel.write(b);
            } catch (IOException e) {
                // closed under us; the selector thread finds out on its own
            }
        }
        return b;
    }

    /** Sends a complete reply; with keepAlive the next request is served, else the connection closes. */
    void reply(byte[] bytes, boolean keepAlive) {
        reply(ByteBuffer.wrap(bytes), keepAlive);
    }

    /** As {@link #reply(byte[], boolean)}, for the unwritten rest of a reply. */
    void reply(ByteBuffer rest, boolean keepAlive) {
        reply(new ByteBuffer[] {rest}, keepAlive);
    }

    /** As {@link #reply(byte[], boolean)}, for a reply in parts (a head, then a body not copied into it). */
    void reply(ByteBuffer[] parts, boolean keepAlive) {
        if (phase == Phase.CLOSED) {
            return;
        }
        writableByWorker = false;
        for (ByteBuffer part : parts) {
            if (part.hasRemaining()) {
                out.add(part);
                pendingOut += part.remaining();
            }
        }
        if (!out.isEmpty()) {
            flush();
        }
        replied(keepAlive);
        if (!keepAlive) {
            flush();
        }
    }

    /** Sends {@code head}, then {@code body} piece by piece as the socket drains; then as {@link #reply(byte[], boolean)}. */
    void reply(byte[] head, SplicedReply body, boolean keepAlive) {
        if (phase == Phase.CLOSED) {
            body.close();
            return;
        }
        writableByWorker = false;
        producing = body;
        producingKeepAlive = keepAlive;
        out.add(ByteBuffer.wrap(head));
        pendingOut += head.length;
        flush();
    }

    /** A reply is queued whole: serve the next request (keep-alive), or close once it is written. */
    private void replied(boolean keepAlive) {
        if (keepAlive) {
            phase = Phase.IDLE;
            idleSince = System.nanoTime();
            requestDeadline = inLen > 0 ? idleSince + limits.requestTimeout().toNanos() : -1;
            key.interestOps(key.interestOps() | SelectionKey.OP_READ);
            process();
        } else {
            closeAfterWrite = true;
        }
    }

    /** Queues what a reply being made has next, up to the stream backlog. */
    private void produce() throws IOException {
        while (producing != null && pendingOut < limits.maxStreamBacklog()) {
            ByteBuffer piece = producing.next();
            if (piece == null) {
                producing.close();
                producing = null;
                replied(producingKeepAlive);
            } else {
                out.add(piece);
                pendingOut += piece.remaining();
            }
        }
    }

    void fail(String version, int status, String... headers) {
        phase = Phase.BUSY;
        reply(Responses.error(version, status, headers), false);
    }

    /** Turns this connection into a log stream. */
    void startStream(byte[] head, FileFollower follower, boolean chunked) {
        stream = new Stream(follower, chunked);
        phase = Phase.STREAMING;
        inLen = 0;
        enqueue(head);
        pump();
    }

    /** Moves new log bytes into the output, unless the client is not keeping up. */
    void pump() {
        if (phase != Phase.STREAMING || pendingOut > limits.maxStreamBacklog()) {
            return;
        }
        try {
            byte[] data = stream.follower().poll(64 * 1024);
            if (data.length > 0) {
                enqueue(stream.chunked() ? Responses.chunk(data) : data);
            }
        } catch (IOException e) {
            close();
        }
    }

    private void enqueue(byte[] bytes) {
        enqueue(ByteBuffer.wrap(bytes));
    }

    private void enqueue(ByteBuffer b) {
        out.add(b);
        pendingOut += b.remaining();
        flush();
    }

    /** Writes what is queued (several buffers in one gathering write); OP_WRITE while the socket is full. */
    void flush() {
        try {
            produce();
            while (!out.isEmpty()) {
                long n = out.size() == 1 ? channel.write(out.peek()) : channel.write(out.toArray(ByteBuffer[]::new));
                pendingOut -= n;
                if (n > 0) {
                    lastWriteNanos = System.nanoTime();
                }
                while (!out.isEmpty() && !out.peek().hasRemaining()) {
                    out.poll();
                }
                if (!out.isEmpty()) { // the socket is full
                    key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
                    return;
                }
                produce();
            }
            if (key.isValid()) {
                key.interestOps(key.interestOps() & ~SelectionKey.OP_WRITE);
            }
            if (closeAfterWrite) {
                close();
            }
        } catch (IOException | java.nio.channels.CancelledKeyException e) {
            close();
        }
    }

    /**
     * Closes a connection that has been too slow: a request not whole by its deadline (a new
     * connection that never sent one included), idle too long after being served, or not reading.
     */
    void checkTimeouts(long now) {
        if (phase == Phase.IDLE && requestDeadline >= 0 && now - requestDeadline > 0) {
            close();
        } else if (phase == Phase.IDLE && requestDeadline < 0 && now - idleSince > limits.idleTimeout().toNanos()) {
            close();
        } else if (!out.isEmpty() && now - lastWriteNanos > limits.requestTimeout().toNanos()) {
            close();
        }
    }

    /**
     * When {@link #checkTimeouts} may next close this connection (System.nanoTime), or
     * {@code Long.MAX_VALUE} when nothing of it can time out (a call in progress, a log stream).
     */
    long nextDeadline() {
        if (!out.isEmpty()) {
            return lastWriteNanos + limits.requestTimeout().toNanos();
        }
        if (phase != Phase.IDLE) {
            return Long.MAX_VALUE;
        }
        return requestDeadline >= 0 ? requestDeadline : idleSince + limits.idleTimeout().toNanos();
    }

    void close() {
        if (phase == Phase.CLOSED) {
            return;
        }
        phase = Phase.CLOSED;
        resize(0);
        inLen = 0;
        if (stream != null) {
            stream.follower().close();
        }
        if (producing != null) {
            producing.close();
            producing = null;
        }
        key.cancel();
        try {
            channel.close();
        } catch (IOException ignored) {
            // already gone
        }
    }
}
