package steward.compat.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One listening socket of a program's {@code sockets=} key: opened and held by the daemon, handed to
 * every process of the program at each spawn (fds 3, 4, … in the key's order).
 *
 * @param name the socket's name in {@code LISTEN_FDNAMES} ({@code tcp-PORT} / {@code unix-BASENAME} by default)
 * @param url {@code tcp://HOST:PORT} ({@code *} written as 0.0.0.0) or {@code unix:///normalised/path}
 * @param host the tcp host (an IPv4 address or {@code localhost}), "" for unix
 * @param port the tcp port (1–65535), 0 for unix
 * @param path the unix socket's path, when it is one
 */
public record HeldSocket(String name, String url, String host, int port, Optional<Path> path) {
    private static final Pattern TCP = Pattern.compile("tcp://([^\\s:/]+):(\\d{1,5})");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,255}");
    /** sun_path holds 108 bytes with the terminating NUL. */
    private static final int MAX_UNIX_PATH = 107;

    public boolean isUnix() {
        return path.isPresent();
    }

    /**
     * The sockets of one {@code sockets=} value: comma-separated {@code [NAME=]URL}s, names and urls
     * each unique.
     *
     * @throws IllegalArgumentException naming the entry that is wrong and why
     */
    public static List<HeldSocket> parseList(String text) {
        List<HeldSocket> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> urls = new HashSet<>();
        for (String part : text.split(",", -1)) {
            String entry = Py.strip(part);
            if (entry.isEmpty()) {
                throw new IllegalArgumentException("empty entry in " + Py.repr(text));
            }
            HeldSocket s = parse(entry);
            if (!names.add(s.name())) {
                throw new IllegalArgumentException("socket name " + Py.repr(s.name()) + " is used twice");
            }
            if (!urls.add(s.url())) {
                throw new IllegalArgumentException(s.url() + " is named twice");
            }
            out.add(s);
        }
        return out;
    }

    /** One {@code [NAME=]URL}. */
    public static HeldSocket parse(String entry) {
        String name = null;
        String url = entry;
        int eq = entry.indexOf('=');
        int scheme = entry.indexOf("://");
        if (eq >= 0 && (scheme < 0 || eq < scheme)) {
            name = entry.substring(0, eq).strip();
            url = entry.substring(eq + 1).strip();
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("invalid socket name " + Py.repr(name)
                        + " (letters, digits, '_', '.', '-')");
            }
        }
        if (url.startsWith("unix://")) {
            String raw = url.substring(7);
            if (!raw.startsWith("/")) {
                throw new IllegalArgumentException("unix socket path " + Py.repr(raw) + " is not absolute in "
                        + Py.repr(entry));
            }
            Path p = Path.of(raw).normalize();
            if (p.getFileName() == null) {
                throw new IllegalArgumentException("unix socket path " + Py.repr(raw) + " names no file");
            }
            if (p.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_UNIX_PATH) {
                throw new IllegalArgumentException("unix socket path " + Py.repr(raw) + " is longer than "
                        + MAX_UNIX_PATH + " bytes");
            }
            String dflt = "unix-" + p.getFileName().toString().replaceAll("[^A-Za-z0-9_.-]", "_");
            return new HeldSocket(name != null ? name : dflt, "unix://" + p, "", 0, Optional.of(p));
        }
        Matcher m = TCP.matcher(url);
        if (!m.matches()) {
            throw new IllegalArgumentException("expected [NAME=]tcp://HOST:PORT or [NAME=]unix:///PATH, got "
                    + Py.repr(entry));
        }
        String host = host(m.group(1), entry);
        int port = Integer.parseInt(m.group(2));
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("invalid port '" + m.group(2) + "' in " + Py.repr(entry));
        }
        return new HeldSocket(name != null ? name : "tcp-" + port, "tcp://" + host + ":" + port, host, port,
                Optional.empty());
    }

    private static String host(String host, String entry) {
        if (host.equals("*")) {
            return "0.0.0.0";
        }
        if (host.equalsIgnoreCase("localhost")) {
            return "127.0.0.1";
        }
        Matcher m = IPV4.matcher(host);
        if (m.matches()) {
            for (int i = 1; i <= 4; i++) {
                if (Integer.parseInt(m.group(i)) > 255) {
                    m = null;
                    break;
                }
            }
            if (m != null) {
                return host;
            }
        }
        throw new IllegalArgumentException("host " + Py.repr(host) + " is not an IPv4 address, '*' or localhost in "
                + Py.repr(entry));
    }
}
