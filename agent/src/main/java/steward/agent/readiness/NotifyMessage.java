package steward.agent.readiness;

import java.util.Optional;

/**
 * One systemd-notify message: newline-separated {@code KEY=VALUE} pairs, of which Steward reads
 * {@code READY=1}, {@code STOPPING=1} (it no longer accepts: the Node preload says it once its
 * drain closed the handed listeners) and {@code STATUS=text} (the last one wins). A datagram on {@code NOTIFY_SOCKET}
 * is one message; on the notify pipe ({@code STEWARD_NOTIFY_FD}) each line is one.
 */
public record NotifyMessage(boolean ready, Optional<String> status, boolean stopping) {
    /** Parses a message's text; unknown keys are ignored. */
    public static NotifyMessage parse(String text) {
        boolean ready = false;
        boolean stopping = false;
        String status = null;
        for (String line : text.split("\n")) {
            if (line.equals("READY=1")) {
                ready = true;
            } else if (line.equals("STOPPING=1")) {
                stopping = true;
            } else if (line.startsWith("STATUS=")) {
                status = line.substring(7);
            }
        }
        return new NotifyMessage(ready, Optional.ofNullable(status), stopping);
    }
}
