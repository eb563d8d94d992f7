package steward.compat.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The user database as Supervisor's {@code name_to_uid} sees it: {@code /etc/passwd}, then
 * {@code getent passwd} (NSS: LDAP, sssd…) for names the file does not have.
 */
public final class Users {
    /** One passwd entry. */
    public record User(String name, int uid, int gid, String home) {
    }

    private final Path passwd;
    private final boolean useGetent;

    Users(Path passwd, boolean useGetent) {
        this.passwd = passwd;
        this.useGetent = useGetent;
    }

    /** The system's user database. */
    public static Users system() {
        return new Users(Path.of("/etc/passwd"), true);
    }

    public Optional<User> byName(String name) {
        return find(0, name);
    }

    public Optional<User> byUid(int uid) {
        return find(2, Integer.toString(uid));
    }

    /**
     * Supervisor's {@code name_to_uid}: a number must be an existing uid, a name an existing user.
     *
     * @throws IllegalArgumentException "Invalid user name x" / "Invalid user id N"
     */
    public int uidOf(String nameOrId) {
        long number;
        try {
            number = Py.parseInt(nameOrId, 10);
        } catch (NumberFormatException | ArithmeticException e) {
            return byName(nameOrId).map(User::uid)
                    .orElseThrow(() -> new IllegalArgumentException("Invalid user name " + nameOrId));
        }
        if (number < 0 || number > Integer.MAX_VALUE * 2L + 1 || byUid((int) number).isEmpty()) {
            throw new IllegalArgumentException("Invalid user id " + nameOrId);
        }
        return (int) number;
    }

    /** Supervisor's {@code name_to_gid} succeeds: a group name, or a gid, known to /etc/group or getent. */
    public boolean hasGroup(String nameOrGid) {
        return gidOf(nameOrGid).isPresent();
    }

    /** The gid of a group name or gid known to /etc/group or getent (Supervisor's {@code name_to_gid}). */
    public Optional<Integer> gidOf(String nameOrGid) {
        Path groupFile = passwd.resolveSibling("group");
        try {
            for (String line : Files.readAllLines(groupFile, StandardCharsets.UTF_8)) {
                Optional<Integer> gid = groupLine(line, nameOrGid);
                if (gid.isPresent()) {
                    return gid;
                }
            }
        } catch (IOException e) {
            // fall through to getent
        }
        if (!useGetent || nameOrGid.isEmpty() || nameOrGid.startsWith("-")) {
            return Optional.empty();
        }
        try {
            Process p = new ProcessBuilder(List.of("getent", "group", nameOrGid)).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return Optional.empty();
            }
            return out.lines().map(l -> groupLine(l, nameOrGid)).flatMap(Optional::stream).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static Optional<Integer> groupLine(String line, String nameOrGid) {
        String[] f = line.split(":", -1);
        if (f.length < 3 || !(f[0].equals(nameOrGid) || f[2].equals(Py.strip(nameOrGid)))) {
            return Optional.empty();
        }
        try {
            return Optional.of((int) Long.parseLong(f[2]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private Optional<User> find(int field, String value) {
        try {
            for (String line : Files.readAllLines(passwd, StandardCharsets.UTF_8)) {
                Optional<User> user = parse(line).filter(u -> matches(u, field, value));
                if (user.isPresent()) {
                    return user;
                }
            }
        } catch (IOException e) {
            // fall through to getent
        }
        return useGetent ? getent(field, value) : Optional.empty();
    }

    private static boolean matches(User user, int field, String value) {
        return field == 0 ? user.name().equals(value) : Integer.toString(user.uid()).equals(value);
    }

    private static Optional<User> getent(int field, String value) {
        if (value.isEmpty() || value.startsWith("-")) {
            return Optional.empty();
        }
        try {
            Process p = new ProcessBuilder(List.of("getent", "passwd", value)).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return Optional.empty();
            }
            return out.lines().map(Users::parse).flatMap(Optional::stream)
                    .filter(u -> matches(u, field, value)).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static Optional<User> parse(String line) {
        String[] f = line.split(":", -1);
        if (f.length < 7 || line.startsWith("#")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new User(f[0], (int) Long.parseLong(f[2]), (int) Long.parseLong(f[3]), f[5]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
