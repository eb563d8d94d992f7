package steward.compat.web;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One reply of the web page: status, content type, extra header lines ({@code Name: value}) and body.
 * The HTTP layer adds the status line, Date, Content-Length and connection handling.
 */
public record WebResponse(int status, String contentType, List<String> headers, byte[] body) {
    public WebResponse {
        headers = List.copyOf(headers);
    }

    static WebResponse html(String text) {
        return new WebResponse(200, "text/html;charset=utf-8", NO_CACHE, text.getBytes(StandardCharsets.UTF_8));
    }

    static WebResponse text(String text) {
        return new WebResponse(200, "text/plain", List.of(), text.getBytes(StandardCharsets.UTF_8));
    }

    static WebResponse json(String text, List<String> headers) {
        return new WebResponse(200, "application/json", headers, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Supervisor answers an action with a 301 to the page carrying the message. */
    static WebResponse redirect(String location) {
        return new WebResponse(301, "text/plain", List.of("Location: " + location), new byte[0]);
    }

    static WebResponse status(int status) {
        return new WebResponse(status, "text/plain", List.of(), new byte[0]);
    }

    /** What Supervisor's templated pages send so a browser never shows a stale status. */
    static final List<String> NO_CACHE = List.of("Pragma: no-cache", "Cache-Control: no-cache",
            "Expires: Thu, 01 Jan 1970 00:00:00 GMT");
}
