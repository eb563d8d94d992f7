package steward.compat.web;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import steward.compat.api.Fault;
import steward.compat.api.EngineView;
import steward.compat.api.ProcessControl;
import steward.compat.api.ProcessInfo;
import steward.compat.api.RpcFault;
import steward.compat.json.JsonWriter;
import steward.compat.rpc.Descriptions;
import steward.compat.rpc.RpcDispatcher;
import steward.compat.xmlrpc.FileText;

/**
 * Supervisor's web page on the control server, behind the same auth: {@code /} and
 * {@code /index.html} (status and actions, answered with a 301 to {@code /?message=…}),
 * {@code /tail.html}, {@code /ok.html}; and for the page's script, {@code /status.json} (the table's
 * data, 304 when unchanged), {@code /action.json} (an action's message) and {@code /tail.json}
 * (what a log gained since an offset, for Follow). It reads processes
 * through {@link ProcessControl} and acts through the method table, as supervisord's web.py does.
 */
public final class WebUi {
    private static final int FOLLOW_MAX = 64 * 1024;

    private final ProcessControl control;
    private final RpcDispatcher rpc;
    private final Descriptions descriptions;
    private final Actions actions;

    public WebUi(ProcessControl control, RpcDispatcher rpc, Clock clock) {
        this.control = control;
        this.rpc = rpc;
        this.descriptions = new Descriptions(clock.getZone());
        this.actions = new Actions(control, rpc, clock);
    }

    /** Whether {@code path} (no query) is one of the page's; leading slashes are ignored, "" is index.html. */
    public static boolean serves(String path) {
        return switch (page(path)) {
            case "index.html", "tail.html", "ok.html", "status.json", "action.json", "tail.json" -> true;
            default -> false;
        };
    }

    private static String page(String path) {
        String p = path.replaceFirst("^/+", "");
        return p.isEmpty() ? "index.html" : p;
    }

    /**
     * Answers a GET or POST of one of the page's paths.
     *
     * @param headers request headers, names lower-cased ({@code host}, {@code if-none-match} are read)
     * @return the reply; completes exceptionally (a 500) when the action is not one Supervisor knows
     */
    public CompletableFuture<WebResponse> handle(String path, String target, Map<String, String> headers, byte[] body) {
        Form form = Form.of(target, body);
        try {
            return switch (page(path)) {
                case "index.html" -> index(form, headers);
                case "action.json" -> form.has("action")
                        ? actions.run(form).thenApply(m -> WebResponse.json(JsonWriter.write(Map.of("message", m)), List.of()))
                        : CompletableFuture.completedFuture(WebResponse.status(400));
                case "status.json" -> CompletableFuture.completedFuture(statusJson(headers.get("if-none-match")));
                case "tail.html" -> tail(form);
                case "tail.json" -> tailJson(form);
                case "ok.html" -> CompletableFuture.completedFuture(WebResponse.text("OK"));
                default -> CompletableFuture.completedFuture(WebResponse.status(404));
            };
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private CompletableFuture<WebResponse> index(Form form, Map<String, String> headers) {
        if (form.has("action")) {
            if (form.get("action").get().equals("tail") && form.has("processname")) {
                return CompletableFuture.completedFuture(WebResponse.redirect(
                        serverUrl(headers) + "/tail.html?processname=" + Form.quote(form.get("processname").get())));
            }
            return actions.run(form).thenApply(m -> WebResponse.redirect(serverUrl(headers) + "/?message=" + Form.quote(m)));
        }
        String version = RpcDispatcher.SUPERVISOR_VERSION;
        EngineView view = control.view();
        return CompletableFuture.completedFuture(WebResponse.html(
                StatusPage.render(view.identification(), version, form.get("message"), rows(view))));
    }

    /** Supervisor's SERVER_URL: {@code http://} and the Host header; without one, a relative location. */
    private static String serverUrl(Map<String, String> headers) {
        String host = headers.get("host");
        return host == null || host.isBlank() ? "" : "http://" + host.strip();
    }

    private List<Row> rows(EngineView view) {
        List<Row> rows = new ArrayList<>();
        for (ProcessInfo p : view.allProcessInfo()) {
            rows.add(Row.of(p, descriptions.description(p)));
        }
        return rows;
    }

    private WebResponse statusJson(String ifNoneMatch) {
        EngineView view = control.view();
        String json = StatusPage.json(view.state().name(), rows(view));
        String etag = "\"" + Integer.toHexString(json.hashCode()) + "-" + json.length() + "\"";
        List<String> headers = List.of("ETag: " + etag, "Cache-Control: no-cache");
        if (etag.equals(ifNoneMatch)) {
            return new WebResponse(304, "application/json", headers, new byte[0]);
        }
        return WebResponse.json(json, headers);
    }

    private CompletableFuture<WebResponse> tail(Form form) {
        Optional<String> name = form.get("processname");
        String limitText = form.get("limit").orElse("1024");
        long asked = limitText.chars().allMatch(Character::isDigit) && !limitText.isEmpty() && limitText.length() < 10
                ? Long.parseLong(limitText) : 1024;
        int limit = (int) Math.max(1024, Math.min(asked, 16L << 20));
        boolean stderr = form.get("channel").filter("stderr"::equals).isPresent();
        if (name.isEmpty()) {
            return CompletableFuture.completedFuture(WebResponse.html(TailPage.render(null, limit, false,
                    "No process name found", -1)));
        }
        String method = stderr ? "supervisor.readProcessStderrLog" : "supervisor.readProcessStdoutLog";
        String tailMethod = stderr ? "supervisor.tailProcessStderrLog" : "supervisor.tailProcessStdoutLog";
        return rpc.call(method, List.of(name.get(), -limit, 0)).handle((v, e) -> {
            String text;
            long offset = -1;
            if (e == null) {
                text = v instanceof FileText f ? f.read() : String.valueOf(v);
                // where following starts: the size just after the read (the page's Follow box)
                Object t = rpc.call(tailMethod, List.of(name.get(), 0, 0)).getNow(null);
                offset = t instanceof List<?> l && l.get(1) instanceof Number n ? n.longValue() : -1;
            } else {
                RpcFault f = RpcDispatcher.faultOf(e);
                text = f != null && f.fault() == Fault.NO_FILE ? "No file for " + name.get()
                        : "ERROR: " + Actions.unexpected(e);
            }
            return WebResponse.html(TailPage.render(name.get(), limit, stderr, text, offset));
        });
    }

    /** {@code tail.json?processname=x&offset=N[&channel=stderr]}: what the log gained since N (Follow). */
    private CompletableFuture<WebResponse> tailJson(Form form) {
        Optional<String> name = form.get("processname");
        String offsetText = form.get("offset").orElse("");
        if (name.isEmpty() || !offsetText.matches("\\d{1,10}") || Long.parseLong(offsetText) > Integer.MAX_VALUE) {
            return CompletableFuture.completedFuture(WebResponse.status(400));
        }
        boolean stderr = form.get("channel").filter("stderr"::equals).isPresent();
        String tailMethod = stderr ? "supervisor.tailProcessStderrLog" : "supervisor.tailProcessStdoutLog";
        String readMethod = stderr ? "supervisor.readProcessStderrLog" : "supervisor.readProcessStdoutLog";
        int from = Integer.parseInt(offsetText);
        // the size first (tail with length 0), then exactly the bytes from the offset to it, at most 64 KB
        return rpc.call(tailMethod, List.of(name.get(), 0, 0)).thenCompose(t -> {
            int size = ((Number) ((List<?>) t).get(1)).intValue();
            boolean overflow = size < from || size - from > FOLLOW_MAX;
            int start = overflow ? Math.max(0, size - FOLLOW_MAX) : from;
            CompletableFuture<Object> text = size == start ? CompletableFuture.completedFuture("")
                    : rpc.call(readMethod, List.of(name.get(), start, size - start));
            return text.thenApply(s -> {
                Map<String, Object> m = new java.util.LinkedHashMap<>();
                m.put("text", s instanceof FileText f ? f.read() : s);
                m.put("offset", size);
                m.put("overflow", overflow);
                return m;
            });
        }).handle((m, e) -> WebResponse.json(JsonWriter.write(e == null ? m
                : Map.of("error", "ERROR: " + Actions.unexpected(e))), List.of("Cache-Control: no-cache")));
    }
}
