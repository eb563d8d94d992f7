package steward.compat.web;

import java.util.ArrayList;
import java.util.List;
import steward.compat.api.ProcessInfo;
import steward.compat.api.ProcessState;

/**
 * One process as the page shows it: state text and class, description, and its action links, which
 * depend only on {@code kind}: running (Restart, Stop), stopped (Start) or busy (neither).
 */
record Row(String namespec, String group, String state, String cssClass, String description, List<Link> actions,
        String kind) {

    /** An action link; {@code href} null for Supervisor's hidden placeholder. */
    record Link(String name, String href, boolean newWindow) {
    }

    static Row of(ProcessInfo p, String description) {
        String q = Form.quote(p.namespec());
        Link start = new Link("Start", "index.html?processname=" + q + "&action=start", false);
        Link restart = new Link("Restart", "index.html?processname=" + q + "&action=restart", false);
        Link stop = new Link("Stop", "index.html?processname=" + q + "&action=stop", false);
        Link clear = new Link("Clear Log", "index.html?processname=" + q + "&action=clearlog", false);
        Link tailOut = new Link("Tail -f Stdout", "logtail/" + q, true);
        Link tailErr = new Link("Tail -f Stderr", "logtail/" + q + "/stderr", true);
        Link none = new Link("", null, false);
        List<Link> actions = new ArrayList<>();
        ProcessState s = p.state();
        if (s == ProcessState.RUNNING) {
            actions.addAll(List.of(restart, stop));
        } else if (s == ProcessState.STOPPED || s == ProcessState.EXITED || s == ProcessState.FATAL) {
            actions.addAll(List.of(start, none));
        } else {
            actions.addAll(List.of(none, none));
        }
        actions.addAll(List.of(clear, tailOut, tailErr));
        String css = s == ProcessState.RUNNING ? "statusrunning"
                : s == ProcessState.FATAL || s == ProcessState.BACKOFF ? "statuserror" : "statusnominal";
        String kind = s == ProcessState.RUNNING ? "running"
                : s == ProcessState.STOPPED || s == ProcessState.EXITED || s == ProcessState.FATAL ? "stopped" : "busy";
        return new Row(p.namespec(), p.group(), s.name().toLowerCase(java.util.Locale.ROOT), css,
                description, actions, kind);
    }
}
