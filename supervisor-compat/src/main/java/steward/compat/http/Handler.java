package steward.compat.http;

/**
 * What serves one listener's requests: the control socket's {@link Router}, or a public port's
 * {@link PublicRouter}. Called on the selector thread.
 */
interface Handler {
    /** Whether the head carries what this listener requires (credentials); false answers 401. */
    boolean admits(Request req);

    /** Serves an admitted request whose body has arrived. */
    void handle(Connection conn, Request req, byte[] body);
}
