package steward.compat.http;

/**
 * A read-only page the agent adds to the control server ({@code /metrics}): answered to GET (and
 * HEAD) after the same authentication as {@code /RPC2}, rendered on the RPC worker thread.
 */
public interface Page {
    String contentType();

    /** The body, built for this request. */
    byte[] render();
}
