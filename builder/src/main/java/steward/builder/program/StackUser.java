package steward.builder.program;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Optional;

/**
 * Who a stack's workers (nginx workers, uWSGI, php-fpm's pool, puma) run as when the agent runs as
 * root, so a file the release should not reach (through a link, a bug in the app) is read with an
 * unprivileged user's rights, as on dotCloud, whose stacks ran as the {@code dotcloud} user: the
 * owner of HOME when that is not root (dotCloud's layout: {@code /home/dotcloud} owned by
 * {@code dotcloud}), else Debian's web user {@code www-data}, else {@code nobody}. The masters
 * (nginx's, php-fpm's) stay root to bind and read their configuration. No user is created. The
 * user must be able to enter every directory down to the approot and read the release's files
 * (pushed modes are kept, so files must be readable by others, or by HOME's owner): when it cannot
 * enter one, the workers run as root as before, with a build warning naming the directory.
 */
public record StackUser(String name, String group) {
    public static final StackUser ROOT = new StackUser("root", "root");

    public boolean root() {
        return name.equals("root");
    }

    /** Empty when the agent is not root (its workers are already unprivileged: no user lines). */
    public static Optional<StackUser> forStack(Path home, Path approotDir) {
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.empty();
        }
        StackUser chosen = choose(home);
        return Optional.of(chosen.blocked(approotDir).isPresent() ? ROOT : chosen);
    }

    /** The owner of {@code home} (or its nearest existing parent) when not root, else www-data, else nobody. */
    public static StackUser choose(Path home) {
        Path p = home.toAbsolutePath();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        List<String> candidates = new java.util.ArrayList<>();
        try {
            if (p != null) {
                candidates.add(Files.getOwner(p).getName());
            }
        } catch (IOException e) {
            // fall through to the system users
        }
        candidates.addAll(List.of("www-data", "nobody"));
        for (String name : candidates) {
            Optional<String> group = primaryGroup(name);
            if (!name.equals("root") && group.isPresent()) {
                return new StackUser(name, group.get());
            }
        }
        return new StackUser("nobody", "nogroup");
    }

    /** The first directory from the root down to {@code dir} this user cannot enter (search permission), if any. */
    public Optional<Path> blocked(Path dir) {
        if (root()) {
            return Optional.empty();
        }
        Path p = dir.toAbsolutePath().normalize();
        List<Path> chain = new java.util.ArrayList<>();
        for (; p != null; p = p.getParent()) {
            chain.add(0, p);
        }
        for (Path d : chain) {
            try {
                PosixFileAttributes a = Files.readAttributes(d, PosixFileAttributes.class);
                PosixFilePermission x = a.owner().getName().equals(name) ? PosixFilePermission.OWNER_EXECUTE
                        : a.group().getName().equals(group) ? PosixFilePermission.GROUP_EXECUTE : PosixFilePermission.OTHERS_EXECUTE;
                if (!a.permissions().contains(x)) {
                    return Optional.of(d);
                }
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** {@code name}'s primary group from /etc/passwd and /etc/group; empty when there is no such user. */
    static Optional<String> primaryGroup(String name) {
        try {
            Optional<String> gid = field(Path.of("/etc/passwd"), name, 3);
            if (gid.isEmpty()) {
                return Optional.empty();
            }
            for (String line : Files.readAllLines(Path.of("/etc/group"), java.nio.charset.StandardCharsets.ISO_8859_1)) {
                String[] f = line.split(":", -1);
                if (f.length > 2 && f[2].equals(gid.get())) {
                    return Optional.of(f[0]);
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> field(Path file, String name, int index) throws IOException {
        for (String line : Files.readAllLines(file, java.nio.charset.StandardCharsets.ISO_8859_1)) {
            String[] f = line.split(":", -1);
            if (f.length > index && f[0].equals(name)) {
                return Optional.of(f[index]);
            }
        }
        return Optional.empty();
    }
}
