package steward.builder.data;

import java.util.List;
import java.util.Map;

/**
 * mysql: MariaDB 10.11 ({@code mariadbd}; dotCloud ran MySQL 5.1). On the first start
 * {@code mariadb-install-db} makes the system tables in {@code HOME/data}; every start runs an
 * init file that gives {@code root} (from anywhere) the service's password, so the credentials in
 * the environment always open it. Listens on the service's port on every address, its socket in
 * the data directory; no option file is read ({@code --no-defaults}).
 */
final class MariaDbServer implements DataServer {
    static final String INIT = "init.sql";

    @Override
    public List<steward.builder.program.StackProgram> programs(DataLayout d) {
        String data = ServerPrograms.q(d.dataDir());
        String script = "if [ ! -d " + data + "/mysql ]; then /usr/bin/mariadb-install-db --no-defaults --datadir=" + data
                + " --auth-root-authentication-method=normal --skip-test-db --skip-name-resolve >/dev/null || exit 1; fi;"
                + " exec /usr/sbin/mariadbd --no-defaults --datadir=" + data + " --port=" + d.endpoint().port()
                + " --bind-address=0.0.0.0 --socket=" + data + "/mysqld.sock --pid-file=" + data + "/mysqld.pid"
                + " --skip-name-resolve --init-file=" + ServerPrograms.q(d.stackDir().resolve(INIT));
        return List.of(ServerPrograms.program(d, "mysql", ServerPrograms.sh(script), "TERM", Map.of(), ServerPrograms.tcp(d), 120,
                List.of()));
    }

    @Override
    public Map<String, String> files(DataLayout d) {
        String login = d.endpoint().login();
        String pw = d.endpoint().password();
        return Map.of(INIT, "CREATE USER IF NOT EXISTS '" + login + "'@'%' IDENTIFIED BY '" + pw + "';\n"
                + "ALTER USER '" + login + "'@'%' IDENTIFIED BY '" + pw + "';\n"
                + "GRANT ALL PRIVILEGES ON *.* TO '" + login + "'@'%' WITH GRANT OPTION;\n"
                + "ALTER USER '" + login + "'@'localhost' IDENTIFIED BY '" + pw + "';\n"
                + "FLUSH PRIVILEGES;\n");
    }

    @Override
    public Backup backup(DataLayout d) {
        return new Backup.Dump(List.of("/usr/bin/mysqldump", "-h", "127.0.0.1", "-P", String.valueOf(d.endpoint().port()), "-u",
                d.endpoint().login(), "--all-databases", "--single-transaction", "--routines", "--events"),
                Map.of("MYSQL_PWD", d.endpoint().password()), "mysqldump.sql");
    }
}
