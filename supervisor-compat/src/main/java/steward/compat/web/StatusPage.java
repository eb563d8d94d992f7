package steward.compat.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import steward.compat.json.JsonWriter;

/**
 * The status page at {@code /} and {@code /index.html}: Supervisor's table (State, Description,
 * Name, Action) with its links and messages, plus a header row with group actions for every
 * {@code [group:x]}. Its script keeps the table current from {@code status.json} and runs the
 * actions without leaving the page; without scripts every link works as on Supervisor's page.
 */
final class StatusPage {
    private StatusPage() {
    }

    static String render(String identification, String version, Optional<String> message, List<Row> rows) {
        StringBuilder h = new StringBuilder(4096 + rows.size() * 900);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Supervisor Status</title>\n<style>").append(Assets.CSS).append("</style>\n</head>\n")
                .append("<body>\n<header class=\"bar\"><span class=\"brand\">Supervisor</span> <span class=\"ident\">")
                .append(Html.esc(identification)).append("</span></header>\n<main>\n");
        h.append("<div id=\"statusmessage\" class=\"").append(message.isPresent() ? "status_msg" : "hidden").append("\">")
                .append(Html.esc(message.orElse(""))).append("</div>\n");
        h.append("<ul id=\"buttons\">")
                .append("<li class=\"action-button\"><a href=\"index.html?action=refresh\">Refresh</a></li>")
                .append("<li class=\"action-button\"><a href=\"index.html?action=restartall\">Restart All</a></li>")
                .append("<li class=\"action-button\"><a href=\"index.html?action=stopall\">Stop All</a></li>")
                .append("<li class=\"filter\"><input id=\"filter\" type=\"search\" placeholder=\"Filter by name\" ")
                .append("aria-label=\"Filter by name\"></li></ul>\n");
        if (rows.isEmpty()) {
            h.append("<p id=\"statustable\">No programs to manage</p>\n");
        } else {
            h.append("<table id=\"statustable\">\n<thead><tr><th class=\"state\">State</th><th class=\"desc\">Description")
                    .append("</th><th class=\"name\">Name</th><th class=\"action\">Action</th></tr></thead>\n<tbody>\n");
            boolean shade = false;
            String lastGroup = null;
            for (Row r : rows) {
                if (!r.group().equals(lastGroup) && isGroup(rows, r.group())) {
                    groupRow(h, r.group());
                }
                lastGroup = r.group();
                row(h, r, shade);
                shade = !shade;
            }
            h.append("</tbody>\n</table>\n");
        }
        h.append("</main>\n<footer class=\"bar\">Supervisor ").append(Html.esc(version))
                .append(" &middot; served by Steward &middot; <span id=\"live\">live</span></footer>\n")
                .append("<script>").append(Assets.STATUS_JS).append("</script>\n</body>\n</html>\n");
        return h.toString();
    }

    /** A group gets its own header row when it is a {@code [group:x]}: its members show as {@code g:name}. */
    private static boolean isGroup(List<Row> rows, String group) {
        return rows.stream().anyMatch(r -> r.group().equals(group) && r.namespec().contains(":"));
    }

    private static void groupRow(StringBuilder h, String group) {
        String q = Form.quote(group);
        h.append("<tr class=\"grouprow\" data-group=\"").append(Html.esc(group)).append("\"><td colspan=\"3\">group <b>")
                .append(Html.esc(group)).append("</b></td><td class=\"action\"><ul>");
        for (String[] a : new String[][] {{"Start", "start"}, {"Stop", "stop"}, {"Restart", "restart"}}) {
            h.append("<li><a href=\"index.html?groupname=").append(q).append("&amp;action=").append(a[1])
                    .append("\" name=\"").append(a[0]).append(" group\">").append(a[0]).append(" all</a></li>");
        }
        h.append("</ul></td></tr>\n");
    }

    private static void row(StringBuilder h, Row r, boolean shade) {
        String q = Form.quote(r.namespec());
        h.append("<tr data-name=\"").append(Html.esc(r.namespec())).append("\" data-group=\"").append(Html.esc(r.group()))
                .append("\" data-q=\"").append(Html.esc(q)).append("\" data-kind=\"").append(r.kind()).append('"').append(shade ? " class=\"shade\"" : "").append(">")
                .append("<td class=\"status\"><span class=\"").append(r.cssClass()).append("\">").append(r.state())
                .append("</span></td><td><span class=\"info\">").append(Html.esc(r.description())).append("</span></td>")
                .append("<td class=\"name\"><a href=\"tail.html?processname=").append(q).append("\" target=\"_blank\">")
                .append(Html.esc(r.namespec())).append("</a> <a class=\"errlink\" href=\"tail.html?processname=")
                .append(q).append("&amp;channel=stderr\" target=\"_blank\" title=\"stderr tail\">stderr</a></td>")
                .append("<td class=\"action\"><ul>");
        for (Row.Link a : r.actions()) {
            h.append("<li>");
            if (a.href() == null) {
                h.append("<a class=\"hidden\"></a>");
            } else {
                h.append("<a href=\"").append(Html.esc(a.href())).append("\" name=\"").append(a.name()).append('"')
                        .append(a.newWindow() ? " target=\"_blank\"" : "").append('>').append(a.name()).append("</a>");
            }
            h.append("</li>");
        }
        h.append("</ul></td></tr>\n");
    }

    /** {@code status.json}: what the script needs to bring the table up to date. */
    static String json(String state, List<Row> rows) {
        List<Object> list = new ArrayList<>(rows.size());
        for (Row r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", r.namespec());
            m.put("group", r.group());
            m.put("state", r.state());
            m.put("class", r.cssClass());
            m.put("description", r.description());
            m.put("kind", r.kind());
            list.add(m);
        }
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("state", state);
        top.put("processes", list);
        return JsonWriter.write(top);
    }
}
