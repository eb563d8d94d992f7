package steward.builder.stack;

/**
 * How long the stacks let work in flight finish once a server is told to stop: requests and
 * WebSockets get {@link #SECONDS} (the agent's default {@code drainsecs}), and the program's
 * {@code stopwaitsecs} is a little longer, so each server's own deadline passes before the agent
 * kills it. WebSockets through nginx may stay idle for {@link #WEBSOCKET_IDLE} between frames:
 * three times a 30 s ping, so one lost ping does not close the connection.
 */
final class Grace {
    static final int SECONDS = 30;
    static final int STOPWAITSECS = SECONDS + 5;
    static final String WEBSOCKET_IDLE = "90s";

    private Grace() {
    }
}
