package steward.compat.http;

import java.util.Map;
import java.util.concurrent.Executor;
import steward.compat.web.WebResponse;

/**
 * Serves a public port (no authentication, no RPC, no logs): its added pages ({@code /metrics}) on
 * the selector thread as the control socket does, anything else by the {@link PublicEndpoint} on
 * the worker. The port has the control server's limits: a request must arrive whole within the
 * request timeout, and the port has its own room of connections.
 */
final class PublicRouter implements Handler {
    private final PublicEndpoint endpoint;
    private final Map<String, Page> pages;
    private final Executor worker;
    private final Router.Loop loop;
    private final ServerLog log;

    PublicRouter(PublicEndpoint endpoint, Map<String, Page> pages, Executor worker, Router.Loop loop, ServerLog log) {
        this.endpoint = endpoint;
        this.pages = Map.copyOf(pages);
        this.worker = worker;
        this.loop = loop;
        this.log = log;
    }

    @Override
    public boolean admits(Request req) {
        return true;
    }

    @Override
    public void handle(Connection conn, Request req, byte[] body) {
        Page page = pages.get(req.path());
        if (page != null) {
            Router.addedPage(conn, req, page, log);
            return;
        }
        worker.execute(() -> {
            try {
                WebResponse r = endpoint.answer(req.method(), req.path());
                boolean keepAlive = req.keepAlive();
                Router.sendFromWorker(conn, Responses.page(req.version(), r, keepAlive, req.method().equals("HEAD")),
                        keepAlive, loop);
            } catch (Throwable t) {
                log.error("public endpoint " + req.path() + " failed", t);
                loop.post(() -> conn.fail(req.version(), 500));
            }
        });
    }
}
