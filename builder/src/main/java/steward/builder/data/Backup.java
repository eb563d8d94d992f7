package steward.builder.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** How {@code steward backup} saves one data service (dotCloud's backup.sh did the same three things). */
public sealed interface Backup {
    /** A dump written to stdout by {@code command} (pg_dumpall, mysqldump), saved gzipped as {@code name}.gz. */
    record Dump(List<String> command, Map<String, String> environment, String name) implements Backup {
        public Dump {
            command = List.copyOf(command);
            environment = Map.copyOf(environment);
        }
    }

    /** Redis: BGSAVE through {@code cli} (redis-cli with its address and password), then {@code rdb} copied, gzipped. */
    record RedisSave(List<String> cli, Map<String, String> environment, Path rdb) implements Backup {
        public RedisSave {
            cli = List.copyOf(cli);
            environment = Map.copyOf(environment);
        }
    }

    /** A gzipped tar of {@code dir}. */
    record Archive(Path dir) implements Backup {
    }

    /** Nothing on disk to save, and why. */
    record Nothing(String why) implements Backup {
    }
}
