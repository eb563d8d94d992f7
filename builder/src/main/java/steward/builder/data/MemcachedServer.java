package steward.builder.data;

import java.util.List;
import java.util.Map;

/**
 * memcached (not a dotCloud type): Debian's memcached on the service's port, TCP only;
 * {@code config: memcached_memory} is its cache size in MB (default 64). It keeps nothing on disk
 * and has no login.
 */
final class MemcachedServer implements DataServer {
    @Override
    public List<steward.builder.program.StackProgram> programs(DataLayout d) {
        int mb = d.config("memcached_memory").filter(v -> v.matches("\\d{1,6}")).map(Integer::parseInt).orElse(64);
        String asRoot = d.user().isEmpty() && "root".equals(System.getProperty("user.name")) ? " -u root" : "";
        return List.of(ServerPrograms.program(d, "memcached", "/usr/bin/memcached -p " + d.endpoint().port() + " -U 0 -l 0.0.0.0 -m "
                + mb + asRoot, "TERM", Map.of(), ServerPrograms.tcp(d), 30, List.of()));
    }

    @Override
    public Map<String, String> files(DataLayout d) {
        return Map.of();
    }

    @Override
    public List<String> warnings(DataLayout d) {
        return d.config("memcached_memory").filter(v -> !v.matches("\\d{1,6}"))
                .map(v -> List.of("config: memcached_memory '" + v + "' is not a number of MB; 64 is used")).orElse(List.of());
    }

    @Override
    public Backup backup(DataLayout d) {
        return new Backup.Nothing("memcached keeps nothing on disk");
    }
}
