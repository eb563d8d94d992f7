package steward.builder.data;

import java.util.List;
import java.util.Map;
import steward.builder.program.StackProgram;

/**
 * A data type's server, run by the agent as ordinary programs: what it runs (with a {@code ready=}
 * check), the configuration files it reads (they hold the password: written 0600 for the server's
 * user in the release's stack directory) and how it is backed up.
 */
public interface DataServer {
    List<StackProgram> programs(DataLayout d);

    /** File name (in the stack directory) → content. */
    Map<String, String> files(DataLayout d);

    Backup backup(DataLayout d);

    /** Warnings about the service's {@code config:} (keys that do not apply); empty by default. */
    default List<String> warnings(DataLayout d) {
        return List.of();
    }

    /** Whether the server refuses to run as root (PostgreSQL): its build fails when no other user can run it. */
    default boolean refusesRoot() {
        return false;
    }
}
