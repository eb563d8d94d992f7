package steward.compat.http;

import java.time.Duration;

/**
 * Resource limits of the control server.
 *
 * @param maxHead request line and headers, bytes
 * @param maxBody request body, bytes (larger: 413)
 * @param requestTimeout a begun request must arrive whole within this (slowloris); also a stalled reader
 * @param idleTimeout a kept-alive connection without a request is closed after this
 * @param maxConnections connections beyond this are closed at once
 * @param maxStreamBacklog unsent log-stream bytes after which the file is not read further
 */
record Limits(int maxHead, int maxBody, Duration requestTimeout, Duration idleTimeout, int maxConnections,
              long maxStreamBacklog) {
    static final Limits DEFAULT = new Limits(16 * 1024, 1 << 20, Duration.ofSeconds(10), Duration.ofMinutes(5), 256,
            256 * 1024);
}
