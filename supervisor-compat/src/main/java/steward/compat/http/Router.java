package steward.compat.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import steward.compat.api.ProcessControl;
import steward.compat.api.ProcessInfo;
import steward.compat.api.ProcessRef;
import steward.compat.api.RpcFault;
import steward.compat.rpc.RpcDispatcher;
import steward.compat.web.WebResponse;
import steward.compat.web.WebUi;
import steward.compat.xmlrpc.ByteSink;
import steward.compat.xmlrpc.MethodCall;
import steward.compat.xmlrpc.XmlRpcException;
import steward.compat.xmlrpc.XmlRpcReader;
import steward.compat.xmlrpc.XmlRpcWriter;

/**
 * Routes one request: {@code /RPC2…} to the dispatcher (decoded, run and rendered on the worker;
 * a call that completes later, on the engine's thread, is rendered back on the worker),
 * {@code /logtail/…} and {@code /mainlogtail} to log streams, the web page's paths ({@link WebUi}) on
 * the worker the same way, anything else 404. Basic auth, when
 * configured, is checked on the head by the connection ({@link #admits}) before any body is read.
 */
final class Router implements Handler {
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
    private final ServerLog log;
    private final XmlRpcReader reader = new XmlRpcReader();
    private final WebUi web;
    /** What {@link #render} returns for a reply that carries log text to be read as it is sent. */
    private static final byte[] SPLICED = new byte[0];
    /** Reply bodies are written here first; only the worker thread touches it. */
    private final ByteSink body = new ByteSink(64 * 1024).deferringFiles();

    Router(RpcDispatcher rpc, ProcessControl control, Optional<BasicAuth> auth, Executor worker, Loop loop,
            ServerLog log, java.util.Map<String, Page> pages) {
        this.pages = pages;
        this.rpc = rpc;
        this.control = control;
        this.auth = auth;
        this.worker = worker;
        this.loop = loop;
        this.log = log;
        this.web = new WebUi(control, rpc, Clock.systemDefaultZone());
    }

    /** Whether the head carries the credentials this listener requires (always, without auth). */
    @Override
    public boolean admits(Request req) {
        return auth.isEmpty() || auth.get().accepts(req.header("authorization"));
    }

    /** Serves an admitted request whose body has arrived. */
    @Override
    public void handle(Connection conn, Request req, byte[] body) {
        String path = req.path();
        if (path.startsWith("/RPC2")) {
            if (!req.method().equals("POST")) {
                conn.fail(req.version(), 400);
                return;
            }
            worker.execute(() -> call(conn, req, body));
        } else if (pages.containsKey(path.split("\\?", 2)[0])) {
            addedPage(conn, req, pages.get(path.split("\\?", 2)[0]), log);
        } else if (path.startsWith("/mainlogtail")) {
            stream(conn, req, req.method().equals("GET") ? control.view().mainLogFile() : null, false);
        } else if (path.startsWith("/logtail")) {
            stream(conn, req, req.method().equals("GET") ? logtailFile(path) : null, true);
        } else if (WebUi.serves(path) && (req.method().equals("GET") || req.method().equals("POST"))) {
            worker.execute(() -> page(conn, req, body));
        } else {
            conn.fail(req.version(), 404);
        }
    }

    /** An added page, rendered and replied on the selector thread (see {@link Page}). */
    static void addedPage(Connection conn, Request req, Page page, ServerLog log) {
        boolean head = req.method().equals("HEAD");
        if (!head && !req.method().equals("GET")) {
            conn.fail(req.version(), 400);
            return;
        }
        boolean keepAlive = req.keepAlive();
        ByteBuffer body;
        try {
            body = page.render();
        } catch (Throwable t) {
            log.error("page " + req.path() + " failed", t);
            conn.fail(req.version(), 500);
            return;
        }
        byte[] headBytes = Responses.addedPageHead(req.version(), page.contentType(), body.remaining(), keepAlive);
        conn.reply(head ? new ByteBuffer[] {ByteBuffer.wrap(headBytes)}
                : new ByteBuffer[] {ByteBuffer.wrap(headBytes), body}, keepAlive);
    }

    /** On the worker: the web page; an action that completes later is sent back from the worker. */
    private void page(Connection conn, Request req, byte[] body) {
        try {
            CompletableFuture<WebResponse> page = web.handle(req.path(), req.target(), req.headers(), body);
            whenDone(page, () -> sendPage(conn, req, page));
        } catch (Throwable t) {
            failed(conn, req, "web page", t);
        }
    }

    /** Runs {@code then} now when {@code f} is done, else on the worker once it is (not on the completing thread). */
    private void whenDone(CompletableFuture<?> f, Runnable then) {
        if (f.isDone()) {
            then.run();
        } else {
            f.whenCompleteAsync((v, e) -> then.run(), worker);
        }
    }

    private void sendPage(Connection conn, Request req, CompletableFuture<WebResponse> page) {
        try {
            if (page.isCompletedExceptionally()) {
                loop.post(() -> conn.fail(req.version(), 500));
                return;
            }
            boolean keepAlive = req.keepAlive();
            sendFromWorker(conn, Responses.page(req.version(), page.join(), keepAlive), keepAlive);
        } catch (Throwable t) {
            failed(conn, req, "web page", t);
        }
    }

    /**
     * On the worker: decode and dispatch; the reply is rendered here when the call is done at once,
     * else back on the worker when the engine completes it. Whatever goes wrong, even an Error
     * such as running out of heap, the client gets an answer (a 500) and the log a line.
     */
    private void call(Connection conn, Request req, byte[] body) {
        try {
            MethodCall call;
            try {
                call = reader.readCall(body);
            } catch (XmlRpcException e) {
                loop.post(() -> conn.fail(req.version(), 400));
                return;
            }
            CompletableFuture<Object> result = rpc.call(call.name(), call.params());
            whenDone(result, () -> finish(conn, req, result));
        } catch (Throwable t) {
            failed(conn, req, "XML-RPC call", t);
        }
    }

    /** On the worker: renders a completed call and sends it (the first bytes straight from here). */
    private void finish(Connection conn, Request req, CompletableFuture<Object> result) {
        try {
            boolean keepAlive = req.keepAlive();
            byte[] reply = render(req, result, keepAlive);
            if (reply == null) {
                loop.post(() -> conn.fail(req.version(), 500));
                return;
            }
            if (reply == SPLICED) { // log text, read from its file as the socket takes it
                SplicedReply spliced = SplicedReply.of(body);
                body.reset();
                byte[] head = Responses.xmlHead(req.version(), spliced.length(), keepAlive);
                loop.post(() -> conn.reply(head, spliced, keepAlive));
                return;
            }
            sendFromWorker(conn, reply, keepAlive);
        } catch (Throwable t) {
            failed(conn, req, "XML-RPC reply", t);
        }
    }

    /** On the worker: the first bytes straight to the socket, the rest (and what follows) on the selector thread. */
    private void sendFromWorker(Connection conn, byte[] reply, boolean keepAlive) {
        sendFromWorker(conn, reply, keepAlive, loop);
    }

    /** As the instance method, for a router that shares the worker and the loop (a public port's). */
    static void sendFromWorker(Connection conn, byte[] reply, boolean keepAlive, Loop loop) {
        ByteBuffer rest = conn.writeFromWorker(reply);
        loop.post(() -> conn.reply(rest, keepAlive));
    }

    private void failed(Connection conn, Request req, String what, Throwable t) {
        body.reset();
        log.error(what + " failed", t);
        loop.post(() -> conn.fail(req.version(), 500));
    }

    /**
     * The whole reply (head and body in one array, the only copy of the body), {@link #SPLICED} when
     * the body defers log text to be streamed (it stays in {@link #body}), or null for a 500. Worker only.
     */
    private byte[] render(Request req, CompletableFuture<Object> result, boolean keepAlive) {
        body.reset();
        Object value;
        try {
            value = result.join();
        } catch (CompletionException | java.util.concurrent.CancellationException e) {
            RpcFault fault = RpcDispatcher.faultOf(e);
            if (fault == null) {
                log.error("XML-RPC method failed", e.getCause() != null ? e.getCause() : e);
                return null;
            }
            XmlRpcWriter.fault(fault.code(), fault.faultString(), body);
            return Responses.xml(req.version(), body, keepAlive);
        }
        XmlRpcWriter.response(value, body);
        return body.deferred().isEmpty() ? Responses.xml(req.version(), body, keepAlive) : SPLICED;
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
        Optional<ProcessInfo> info = control.view().processInfo(new ProcessRef(group, name));
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
