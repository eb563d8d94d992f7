package steward.builder.release;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One build of the pushed tree: {@code HOME/rsync-<epoch ms>/}. */
public record Release(String id, Path dir, Instant created) implements Comparable<Release> {
    private static final Pattern ID = Pattern.compile("rsync-(\\d{1,19})");

    public Release {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(created, "created");
    }

    /** True for names of the form {@code rsync-<digits>}. */
    public static boolean isId(String name) {
        return ID.matcher(name).matches();
    }

    static Release of(Path home, String id) {
        Matcher m = ID.matcher(id);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a release id: " + id);
        }
        return new Release(id, home.resolve(id), Instant.ofEpochMilli(Long.parseLong(m.group(1))));
    }

    @Override
    public int compareTo(Release o) {
        int c = created.compareTo(o.created);
        return c != 0 ? c : id.compareTo(o.id);
    }
}
