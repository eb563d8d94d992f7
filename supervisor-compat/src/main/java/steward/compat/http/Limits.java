package steward.compat.http;

import java.time.Duration;

/**
 * Resource limits of the control server.
 *
 * @param maxHead request line and headers, bytes (larger: 431)
 * @param maxBody request body, bytes (larger: 413)
 * @param requestTimeout a connection must deliver a whole request within this of opening (or of
 *     its first byte after a kept-alive reply), stray CRLFs included; also a stalled reader
 * @param idleTimeout a kept-alive connection that has been served and sends nothing is closed after this
 * @param maxConnections per listener (the unix socket and TCP each have their own room); beyond: closed at once
 * @param maxStreamBacklog unsent log-stream bytes after which the file is not read further
 * @param maxBuffered request bytes buffered across all connections; a request that would need more gets 503
 */
record Limits(int maxHead, int maxBody, Duration requestTimeout, Duration idleTimeout, int maxConnections,
              long maxStreamBacklog, long maxBuffered) {
    static final Limits DEFAULT = new Limits(16 * 1024, 1 << 20, Duration.ofSeconds(10), Duration.ofMinutes(5), 256,
            256 * 1024, defaultBuffered(Runtime.getRuntime().maxMemory()));

    /** An eighth of the heap, between 4 and 16 MB (12 MB under the launcher's 96 MB heap). */
    static long defaultBuffered(long maxHeap) {
        return Math.max(4L << 20, Math.min(16L << 20, maxHeap / 8));
    }

    Limits withRequestTimeout(Duration timeout) {
        return new Limits(maxHead, maxBody, timeout, idleTimeout, maxConnections, maxStreamBacklog, maxBuffered);
    }

    Limits withMaxConnections(int max) {
        return new Limits(maxHead, maxBody, requestTimeout, idleTimeout, max, maxStreamBacklog, maxBuffered);
    }

    Limits withMaxBuffered(long max) {
        return new Limits(maxHead, maxBody, requestTimeout, idleTimeout, maxConnections, maxStreamBacklog, max);
    }
}
