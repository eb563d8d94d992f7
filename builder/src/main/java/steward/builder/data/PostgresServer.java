package steward.builder.data;

import java.util.List;
import java.util.Map;

/**
 * postgresql and postgis: PostgreSQL 15 from {@code /usr/lib/postgresql/15/bin}. On the first
 * start {@code initdb} makes the cluster in {@code HOME/data} with the superuser {@code root} and
 * the service's password (scram-sha-256 for every connection); then {@code postgres} listens on
 * the service's port on every address, its unix socket in the data directory. Stopped with SIGINT
 * (PostgreSQL's fast shutdown: SIGTERM's smart shutdown waits for every client to leave). Ready
 * when {@code pg_isready} says so. postgis: Debian's postgresql-15-postgis-3 makes the extension
 * available ({@code CREATE EXTENSION postgis}).
 */
final class PostgresServer implements DataServer {
    static final String BIN = "/usr/lib/postgresql/15/bin/";
    static final String PWFILE = "pgpass.initdb";

    @Override
    public List<steward.builder.program.StackProgram> programs(DataLayout d) {
        String data = ServerPrograms.q(d.dataDir());
        String script = "if [ ! -f " + data + "/PG_VERSION ]; then " + BIN + "initdb -D " + data + " -U " + d.endpoint().login()
                + " --pwfile=" + ServerPrograms.q(d.stackDir().resolve(PWFILE)) + " -A scram-sha-256 -E UTF8 --no-locale"
                + " || exit 1; fi; exec " + BIN + "postgres -D " + data + " -p " + d.endpoint().port()
                + " -c listen_addresses=* -c unix_socket_directories=" + data;
        return List.of(ServerPrograms.program(d, "postgresql", ServerPrograms.sh(script), "INT", Map.of(),
                "exec:" + BIN + "pg_isready -q -h 127.0.0.1 -p " + d.endpoint().port(), 120, List.of()));
    }

    @Override
    public Map<String, String> files(DataLayout d) {
        return Map.of(PWFILE, d.endpoint().password() + "\n");
    }

    @Override
    public Backup backup(DataLayout d) {
        return new Backup.Dump(List.of(BIN + "pg_dumpall", "-h", "127.0.0.1", "-p", String.valueOf(d.endpoint().port()), "-U",
                d.endpoint().login()), Map.of("PGPASSWORD", d.endpoint().password()), "pg_dumpall.sql");
    }

    @Override
    public boolean refusesRoot() {
        return true;
    }
}
