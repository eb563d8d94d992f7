package steward.compat.http;

import steward.compat.web.WebResponse;

/**
 * What an unauthenticated TCP port of the control server answers (the container agent's health
 * probes): every request that is not one of the port's added pages. Called on the server's worker
 * thread, so it may block briefly (a loopback connect); never on the selector thread, so a slow
 * answer or a client that sends half a request delays no other connection.
 */
@FunctionalInterface
public interface PublicEndpoint {
    /**
     * The reply to {@code method} on {@code path} (without the query): status, type, extra headers
     * and body (left out for HEAD; Content-Length still tells its length).
     */
    WebResponse answer(String method, String path);
}
