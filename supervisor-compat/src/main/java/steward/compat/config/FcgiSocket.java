package steward.compat.config;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The listening socket of an {@code [fcgi-program:x]}: {@code socket=tcp://host:port} or
 * {@code unix:///path}, with {@code socket_backlog} and, for unix sockets, {@code socket_owner} and
 * {@code socket_mode} (default 0700; the owner defaults to the program's {@code user=} when that
 * differs from supervisord's).
 *
 * @param url Supervisor's form: {@code tcp://host:port} (host lower-cased) or {@code unix:///path} (normalised)
 * @param path the unix socket's path, when it is one
 * @param host the tcp host ("" never: Supervisor requires one), when tcp
 * @param port the tcp port, when tcp (else 0)
 * @param backlog {@code socket_backlog} (1–65535); empty = SOMAXCONN
 */
public record FcgiSocket(String url, Optional<Path> path, String host, int port, OptionalInt backlog,
        Optional<Owner> owner, OptionalInt mode) {

    /** chown target of a unix socket; {@code gid} -1 leaves the group. */
    public record Owner(int uid, int gid) {
    }

    public boolean isUnix() {
        return path.isPresent();
    }

    /** Equal when the urls are, as Supervisor's SocketConfig (a re-read sees no change in mode or backlog alone). */
    @Override
    public boolean equals(Object o) {
        return o instanceof FcgiSocket other && url.equals(other.url);
    }

    @Override
    public int hashCode() {
        return url.hashCode();
    }
}
