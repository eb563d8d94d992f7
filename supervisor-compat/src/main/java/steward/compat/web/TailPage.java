package steward.compat.web;

/**
 * {@code tail.html?processname=x&limit=N}: the last N bytes (at least 1024) of a process's stdout, as
 * Supervisor's page shows them, with a Refresh link; Steward adds {@code channel=stderr}, a search
 * box that marks and counts matches (and can hide the other lines), and Follow, which appends what
 * the log gains (from {@code tail.json}, once a second).
 */
final class TailPage {
    private TailPage() {
    }

    /**
     * @param processname null when the form had none (the title then says "None", as Supervisor's)
     * @param limit the positive byte count shown in the refresh link
     * @param offset the log's size when it was read, where Follow starts; -1 when there is no log
     */
    static String render(String processname, int limit, boolean stderr, String tail, long offset) {
        String shown = processname == null ? "None" : processname;
        StringBuilder h = new StringBuilder(tail.length() + 4096);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
                .append(Html.esc("Supervisor tail of process " + shown)).append("</title>\n<style>").append(Assets.CSS)
                .append("</style>\n</head>\n<body class=\"tail\">\n<header class=\"bar\"><span class=\"brand\">Supervisor</span> ")
                .append("<span class=\"ident\">").append(Html.esc(shown)).append(stderr ? " stderr" : " stdout")
                .append("</span></header>\n<main>\n");
        if (processname != null) {
            String q = Form.quote(processname);
            String base = "tail.html?processname=" + q + "&limit=" + limit;
            h.append("<ul id=\"buttons\"><li class=\"action-button\"><a id=\"refresh_anchor\" href=\"")
                    .append(Html.esc(base + (stderr ? "&channel=stderr" : ""))).append("\">Refresh</a></li>")
                    .append("<li class=\"action-button").append(stderr ? "" : " selected").append("\"><a href=\"")
                    .append(Html.esc(base)).append("\">stdout</a></li>")
                    .append("<li class=\"action-button").append(stderr ? " selected" : "").append("\"><a href=\"")
                    .append(Html.esc(base + "&channel=stderr")).append("\">stderr</a></li>")
                    .append("<li class=\"filter\"><input id=\"search\" type=\"search\" placeholder=\"Search\" ")
                    .append("aria-label=\"Search in the tail\"> <label><input id=\"only\" type=\"checkbox\"> only ")
                    .append("matching lines</label> <span id=\"count\"></span>")
                    .append(offset < 0 ? "" : " <label><input id=\"follow\" type=\"checkbox\"> follow</label>")
                    .append("</li></ul>\n");
        }
        h.append("<pre id=\"tailbody\"").append(offset < 0 ? "" : " data-offset=\"" + offset + "\"")
                .append(processname == null ? "" : " data-name=\"" + Html.esc(Form.quote(processname)) + "\"")
                .append(stderr ? " data-channel=\"stderr\"" : "").append('>').append(Html.esc(tail)).append("</pre>\n</main>\n")
                .append("<script>").append(Assets.TAIL_JS).append("</script>\n</body>\n</html>\n");
        return h.toString();
    }
}
