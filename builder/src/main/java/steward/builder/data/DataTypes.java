package steward.builder.data;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import steward.builder.manifest.ServiceType;
import steward.builder.program.StackUser;

/**
 * The table of data service types (reference types §15): one {@link DataType} per type, with its
 * port name and Debian 12 mapping. The port names are dotCloud's: {@code REDIS}, {@code SQL} (for
 * postgresql and postgis, not POSTGRESQL), {@code MYSQL}, {@code MONGODB}; where dotCloud's name is
 * not known Steward chose {@code AMQP} (rabbitmq), {@code MEMCACHED}, {@code SMTP} and {@code HTTP}
 * (solr, a web service on dotCloud).
 */
public final class DataTypes {
    private static final Map<ServiceType, DataType> TABLE = table();

    private DataTypes() {
    }

    private static Map<ServiceType, DataType> table() {
        Map<ServiceType, DataType> t = new EnumMap<>(ServiceType.class);
        DataServer redis = new RedisServer();
        DataServer postgres = new PostgresServer();
        DataServer mariadb = new MariaDbServer();
        t.put(ServiceType.REDIS, new DataType("redis", "REDIS", 6379, "redis", true, List.of("redis-server"),
                List.of("redis_maxmemory", "redis_maxmemory_policy", "maxmemory", "maxmemory-policy"), Optional.empty(), redis));
        t.put(ServiceType.POSTGRESQL, new DataType("postgresql", "SQL", 5432, "pgsql", true, List.of("postgresql-15"), List.of(),
                Optional.empty(), postgres));
        t.put(ServiceType.POSTGIS, new DataType("postgis", "SQL", 5432, "pgsql", true,
                List.of("postgresql-15", "postgresql-15-postgis-3"), List.of(), Optional.empty(), postgres));
        t.put(ServiceType.MYSQL, new DataType("mysql", "MYSQL", 3306, "mysql", true, List.of("mariadb-server"), List.of(),
                Optional.empty(), mariadb));
        t.put(ServiceType.MYSQL_MASTERSLAVE, new DataType("mysql-masterslave", "MYSQL", 3306, "mysql", true,
                List.of("mariadb-server"), List.of(), Optional.empty(), mariadb));
        t.put(ServiceType.RABBITMQ, new DataType("rabbitmq", "AMQP", 5672, "amqp", true, List.of("rabbitmq-server"), List.of(),
                Optional.empty(), new RabbitServer()));
        t.put(ServiceType.MEMCACHED, new DataType("memcached", "MEMCACHED", 11211, "memcached", false, List.of("memcached"),
                List.of("memcached_memory"), Optional.empty(), new MemcachedServer()));
        t.put(ServiceType.SMTP, new DataType("smtp", "SMTP", 25, "smtp", false, List.of("python3-aiosmtpd"),
                List.of("smtp_relay_server", "smtp_relay_port", "smtp_relay_username", "smtp_relay_password"), Optional.empty(),
                new SmtpRelay()));
        t.put(ServiceType.MONGODB, unavailable("mongodb", "MONGODB", 27017, "mongodb", true, "MongoDB"));
        t.put(ServiceType.SOLR, unavailable("solr", "HTTP", 8983, "http", false, "Solr"));
        return t;
    }

    private static DataType unavailable(String type, String port, int dflt, String scheme, boolean credentials, String product) {
        String keys = credentials ? "{HOST,PORT,LOGIN,PASSWORD,URL}" : "{HOST,PORT,URL}";
        return new DataType(type, port, dflt, scheme, credentials, List.of(), List.of(), Optional.of(type + ": Debian 12 has no "
                + product + " package, so Steward runs no server for this service; run " + product + " elsewhere and give the "
                + "code services DOTCLOUD_<SERVICE>_" + port + "_" + keys + " in their environment: (dotcloud.yml)"),
                new Unavailable());
    }

    /** The entry of a data type. */
    public static DataType of(ServiceType type) {
        DataType d = TABLE.get(type);
        if (d == null) {
            throw new IllegalArgumentException(type + " is not a data service type");
        }
        return d;
    }

    /** Every data type, in declaration order. */
    public static Map<ServiceType, DataType> all() {
        return TABLE;
    }

    /**
     * Who a data server runs as: when the agent is root, the owner of HOME when not root, else
     * www-data, else nobody ({@link StackUser}); empty when the agent is not root or that user
     * cannot enter the data directory (the server then runs as root, which PostgreSQL refuses).
     */
    public static Optional<StackUser> serverUser(Path home) {
        return StackUser.forStack(home, DataLayout.dataDir(home)).filter(u -> !u.root());
    }
}
