package steward.builder.data;

import java.util.List;
import java.util.Map;

/** mongodb, solr: no Debian 12 package, so nothing runs (the build and the agent say so, and how to use an external server). */
final class Unavailable implements DataServer {
    @Override
    public List<steward.builder.program.StackProgram> programs(DataLayout d) {
        return List.of();
    }

    @Override
    public Map<String, String> files(DataLayout d) {
        return Map.of();
    }

    @Override
    public Backup backup(DataLayout d) {
        return new Backup.Nothing("Steward runs no server for " + d.service().type());
    }
}
