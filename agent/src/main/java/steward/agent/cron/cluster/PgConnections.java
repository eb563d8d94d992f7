package steward.agent.cron.cluster;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import org.quartz.utils.ConnectionProvider;

/**
 * Quartz's connections: a few kept open and handed out again, checked before reuse. Quartz's own
 * pooling providers need c3p0 or HikariCP; this is all cron needs (a handful of short transactions a
 * second), without a housekeeping thread or another jar in every container. Quartz sets {@code url}
 * from {@code org.quartz.dataSource.cron.url}.
 */
public final class PgConnections implements ConnectionProvider {
    private static final int MAX_IDLE = 12;

    private final Deque<Connection> idle = new ArrayDeque<>();
    private String url;
    private boolean shut;

    public void setUrl(String url) {
        this.url = url;
    }

    static Connection open(String url) throws SQLException {
        return DriverManager.getConnection(url);
    }

    @Override
    public void initialize() {
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection real = null;
        synchronized (this) {
            while (!idle.isEmpty() && real == null) {
                Connection c = idle.pop();
                if (c.isValid(2)) {
                    real = c;
                } else {
                    quietClose(c);
                }
            }
        }
        if (real == null) {
            real = open(url);
        }
        return wrap(real);
    }

    private Connection wrap(Connection real) {
        boolean[] closed = {false};
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, m, args) -> {
                    switch (m.getName()) {
                        case "close":
                            if (!closed[0]) {
                                closed[0] = true;
                                giveBack(real);
                            }
                            return null;
                        case "isClosed":
                            return closed[0] || real.isClosed();
                        default:
                            if (closed[0]) {
                                throw new SQLException("connection returned to the pool");
                            }
                            try {
                                return m.invoke(real, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                    }
                });
    }

    private void giveBack(Connection real) {
        try {
            if (!real.isClosed() && !real.getAutoCommit()) {
                real.rollback();
            }
        } catch (SQLException e) {
            quietClose(real);
            return;
        }
        synchronized (this) {
            if (!shut && idle.size() < MAX_IDLE) {
                idle.push(real);
                return;
            }
        }
        quietClose(real);
    }

    @Override
    public synchronized void shutdown() {
        shut = true;
        idle.forEach(PgConnections::quietClose);
        idle.clear();
    }

    private static void quietClose(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // going away anyway
        }
    }
}
