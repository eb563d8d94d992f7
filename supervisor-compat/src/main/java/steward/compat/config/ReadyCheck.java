package steward.compat.config;

/**
 * What "ready" means for a program ({@code ready=}); without it a program is ready once RUNNING
 * (after {@code startsecs}), as in Supervisor.
 */
public sealed interface ReadyCheck {
    /** {@code tcp:HOST:PORT}: a connection is accepted. */
    record Tcp(String host, int port) implements ReadyCheck {
    }

    /** {@code http://HOST:PORT/PATH}: a GET answers 2xx or 3xx. */
    record Http(String host, int port, String path) implements ReadyCheck {
    }

    /** {@code exec:COMMAND}: the command ({@code /bin/sh -c}) exits 0. */
    record Exec(String command) implements ReadyCheck {
    }

    /** {@code notify}: systemd's protocol, {@code READY=1} on {@code NOTIFY_SOCKET}. */
    record Notify() implements ReadyCheck {
    }

    /** The {@code ready=} text → a check; the message of the exception is the reason shown to the user. */
    static ReadyCheck parse(String text) {
        String s = Py.strip(text);
        if (s.equals("notify")) {
            return new Notify();
        }
        if (s.startsWith("exec:")) {
            String cmd = Py.strip(s.substring(5));
            if (cmd.isEmpty()) {
                throw new IllegalArgumentException("exec: needs a command");
            }
            return new Exec(cmd);
        }
        if (s.startsWith("tcp:")) {
            String rest = s.substring(4);
            int colon = rest.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("expected tcp:HOST:PORT, got " + Py.repr(text));
            }
            return new Tcp(host(rest.substring(0, colon)), port(rest.substring(colon + 1), text));
        }
        if (s.startsWith("http://")) {
            String rest = s.substring(7);
            int slash = rest.indexOf('/');
            String hostPort = slash < 0 ? rest : rest.substring(0, slash);
            String path = slash < 0 ? "/" : rest.substring(slash);
            int colon = hostPort.lastIndexOf(':');
            if (colon <= 0 || hostPort.endsWith("]")) {
                throw new IllegalArgumentException("expected http://HOST:PORT/PATH, got " + Py.repr(text));
            }
            return new Http(host(hostPort.substring(0, colon)), port(hostPort.substring(colon + 1), text), path);
        }
        throw new IllegalArgumentException("expected tcp:HOST:PORT, http://HOST:PORT/PATH, exec:COMMAND or notify, got "
                + Py.repr(text));
    }

    private static String host(String h) {
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }

    private static int port(String p, String text) {
        try {
            int port = Integer.parseInt(p);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("invalid port " + Py.repr(p) + " in " + Py.repr(text));
    }
}
