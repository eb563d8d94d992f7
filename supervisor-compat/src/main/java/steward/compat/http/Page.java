package steward.compat.http;

import java.nio.ByteBuffer;

/**
 * A read-only page the agent adds to the control server ({@code /metrics}): answered to GET (and
 * HEAD) after the same authentication as {@code /RPC2}. It is rendered on the selector thread, in
 * the same wake-up that read the request (a scrape every second costs no hop between threads), so
 * rendering must not block: read what is kept, as {@code getAllProcessInfo}'s snapshot is.
 */
public interface Page {
    String contentType();

    /** The body, built for this request; the buffer is the server's from then on. */
    ByteBuffer render();
}
