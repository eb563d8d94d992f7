package steward.agent.cron.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Creates Quartz's tables on first start from the script Quartz ships ({@code tables_postgres.sql},
 * without its DROPs), under a PostgreSQL advisory lock so that instances starting together do it
 * once. DDL is transactional in PostgreSQL: a failure leaves nothing half made.
 */
final class PgSchema {
    static final long LOCK = 0x5374657761726443L; // "StewardC"
    private static final String SCRIPT = "/org/quartz/impl/jdbcjobstore/tables_postgres.sql";

    private PgSchema() {
    }

    static void ensure(String url) throws SQLException, IOException {
        try (Connection c = PgConnections.open(url)) {
            c.setAutoCommit(false);
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, LOCK);
                lock.execute();
            }
            boolean present;
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT to_regclass('qrtz_locks') IS NOT NULL")) {
                rs.next();
                present = rs.getBoolean(1);
            }
            if (!present) {
                try (Statement s = c.createStatement()) {
                    for (String stmt : statements()) {
                        s.execute(stmt);
                    }
                }
            }
            c.commit();
        }
    }

    private static String[] statements() throws IOException {
        String sql;
        try (InputStream in = org.quartz.Scheduler.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IOException("Quartz's " + SCRIPT + " is missing from the classpath");
            }
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        StringBuilder kept = new StringBuilder();
        sql.lines().filter(l -> !l.strip().startsWith("--")).forEach(l -> kept.append(l).append('\n'));
        return java.util.Arrays.stream(kept.toString().split(";"))
                .map(String::strip)
                .filter(s -> !s.isEmpty() && !s.toUpperCase().startsWith("DROP ") && !s.equalsIgnoreCase("COMMIT"))
                .toArray(String[]::new);
    }
}
