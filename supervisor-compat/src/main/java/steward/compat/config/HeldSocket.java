package steward.compat.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One listening socket of a program's {@code sockets=} key: opened and held by the daemon, handed
 * to each process of the program at every spawn (fds from 3, systemd's {@code LISTEN_FDS}).
 *
 * @param name the name in {@code LISTEN_FDNAMES}
 * @param url {@code tcp://HOST:PORT} or {@code unix:///path}, as written
 * @param host the tcp host ("" for unix)
 * @param port the tcp port (0 for unix)
 * @param path the unix path
 */
public record HeldSocket(String name, String url, String host, int port, Optional<Path> path) {
    public boolean isUnix() {
        return path.isPresent();
    }
}
