package steward.compat.http;

import java.io.IOException;

/** The TCP port of {@code [inet_http_server]} is taken: supervisord's "Another program is already listening…". */
public final class PortInUseException extends IOException {
    private final int port;

    PortInUseException(int port, Throwable cause) {
        super("Another program is already listening on a port that one of our HTTP servers is configured to use."
                + "  Shut this program down first before starting supervisord.", cause);
        this.port = port;
    }

    public int port() {
        return port;
    }
}
