package steward.compat.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Executor;
import steward.compat.api.ProcessControl;
import steward.compat.api.ProcessInfo;
import steward.compat.api.ProcessRef;
import steward.compat.api.RpcFault;
import steward.compat.rpc.RpcDispatcher;
import steward.compat.xmlrpc.ByteSink;
import steward.compat.xmlrpc.MethodCall;
import steward.compat.xmlrpc.XmlRpcException;
import steward.compat.xmlrpc.XmlRpcReader;
import steward.compat.xmlrpc.XmlRpcWriter;

/**
 * Routes one request: {@code /RPC2…} to the dispatcher (decoded and run on the worker, replied on
 * the selector thread when its future completes), {@code /logtail/…} and {@code /mainlogtail} to
 * log streams, anything else 404. Checks basic auth first when configured.
 */
final class Router {
    /** Runs a task on the selector thread. */
    interface Loop {
        void post(Runnable task);
    }

    private final RpcDispatcher rpc;
    private final ProcessControl control;
    private final Optional<BasicAuth> auth;
    private final Executor worker;
    private final Loop loop;
    private final java.util.Map<String, Page> pages;
    private final XmlRpcReader reader = new XmlRpcReader();
    /** Reply bodies are written here first; only the worker thread touches it. */
    private final ByteSink body = new ByteSink(64 * 1024);

    Router(RpcDispatcher rpc, ProcessControl control, Optional<BasicAuth> auth, Executor worker, Loop loop,
            java.util.Map<String, Page> pages) {
        this.pages = pages;
        this.rpc = rpc;
        this.control = control;
        this.auth = auth;
        this.worker = worker;
        this.loop = loop;
    }

    void handle(Connection conn, Request req, byte[] body) {
        if (auth.isPresent() && !auth.get().accepts(req.header("authorization"))) {
            conn.fail(req.version(), 401, "WWW-Authenticate: Basic realm=\"default\"");
            return;
        }
        String path = req.path();
        if (path.startsWith("/RPC2")) {
            if (!req.method().equals("POST")) {
                conn.fail(req.version(), 400);
                return;
            }
            worker.execute(() -> call(conn, req, body));
        } else if (pages.containsKey(path.split("\\?", 2)[0])) {
            page(conn, req, pages.get(path.split("\\?", 2)[0]));
        } else if (path.startsWith("/mainlogtail")) {
            stream(conn, req, req.method().equals("GET") ? control.mainLogFile() : null, false);
        } else if (path.startsWith("/logtail")) {
            stream(conn, req, req.method().equals("GET") ? logtailFile(path) : null, true);
        } else {
            conn.fail(req.version(), 404);
        }
    }

    /** An added page, rendered on the worker, replied on the selector thread. */
    private void page(Connection conn, Request req, Page page) {
        boolean head = req.method().equals("HEAD");
        if (!head && !req.method().equals("GET")) {
            conn.fail(req.version(), 400);
            return;
        }
        boolean keepAlive = req.keepAlive();
        worker.execute(() -> {
            byte[] reply;
            try {
                reply = Responses.page(req.version(), page.contentType(), page.render(), keepAlive, head);
            } catch (RuntimeException e) {
                loop.post(() -> conn.fail(req.version(), 500));
                return;
            }
            ByteBuffer rest = conn.writeFromWorker(reply);
            loop.post(() -> conn.reply(rest, keepAlive));
        });
    }

    /** On the worker: decode, dispatch, and post the reply back when the result is ready. */
    private void call(Connection conn, Request req, byte[] body) {
        MethodCall call;
        try {
            call = reader.readCall(body);
        } catch (XmlRpcException e) {
            loop.post(() -> conn.fail(req.version(), 400));
            return;
        }
        boolean keepAlive = req.keepAlive();
        rpc.call(call.name(), call.params()).whenComplete((value, error) -> {
            byte[] reply;
            try {
                reply = render(req, value, error, keepAlive);
            } catch (RuntimeException e) {
                reply = null;
            }
            if (reply == null) {
                loop.post(() -> conn.fail(req.version(), 500));
                return;
            }
            ByteBuffer rest = conn.writeFromWorker(reply);
            loop.post(() -> conn.reply(rest, keepAlive));
        });
    }

    /**
     * The whole reply (head and body in one array, the only copy of the body), or null for a 500.
     * Runs where the call completed: the worker, or the engine for waiting calls; the shared sink is
     * guarded for that second case.
     */
    private byte[] render(Request req, Object value, Throwable error, boolean keepAlive) {
        synchronized (body) {
            body.reset();
            if (error == null) {
                XmlRpcWriter.response(value, body);
            } else {
                RpcFault fault = RpcDispatcher.faultOf(error);
                if (fault == null) {
                    return null;
                }
                XmlRpcWriter.fault(fault.code(), fault.faultString(), body);
            }
            return Responses.xml(req.version(), body, keepAlive);
        }
    }

    /** The file behind {@code /logtail/<namespec>[/<channel>]}, or empty (404). */
    private Optional<Path> logtailFile(String path) {
        String p = path.contains("%") ? URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8) : path;
        p = p.replaceFirst("^/+", "");
        int slash = p.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        String rest = p.substring(slash + 1);
        int s2 = rest.indexOf('/');
        String spec = s2 < 0 ? rest : rest.substring(0, s2);
        String channel = s2 < 0 ? "stdout" : rest.substring(s2 + 1);
        int colon = spec.indexOf(':');
        String group = colon < 0 ? spec : spec.substring(0, colon);
        String name = colon < 0 ? spec : spec.substring(colon + 1);
        if (!control.isActive(group)) {
            return Optional.empty();
        }
        Optional<ProcessInfo> info = control.processInfo(new ProcessRef(group, name));
        String file = info.map(i -> channel.equals("stdout") ? i.stdoutLogfile()
                : channel.equals("stderr") ? i.stderrLogfile() : "").orElse("");
        return file.isEmpty() ? Optional.empty() : Optional.of(Path.of(file));
    }

    private void stream(Connection conn, Request req, Optional<Path> file, boolean logtail) {
        if (file == null) {
            conn.fail(req.version(), 400);
            return;
        }
        if (file.isEmpty() || !Files.exists(file.get())) {
            conn.fail(req.version(), 404);
            return;
        }
        try {
            FileFollower follower = new FileFollower(file.get(), 1024);
            byte[] head = Responses.streamHead(req.version(), Files.getLastModifiedTime(file.get()).toInstant(), logtail);
            conn.startStream(head, follower, req.version().equals("HTTP/1.1"));
        } catch (IOException e) {
            conn.fail(req.version(), 404);
        }
    }
}
