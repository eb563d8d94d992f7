package steward.builder.manifest;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The service types dotCloud's validator accepted (reference §1.2), and memcached (Steward's: a Debian server). */
public enum ServiceType {
    CUSTOM("custom", Kind.CODE), JAVA("java", Kind.CODE), NODEJS("nodejs", Kind.CODE),
    PERL("perl", Kind.CODE), PERL_WORKER("perl-worker", Kind.WORKER), PHP("php", Kind.CODE),
    PHP_WORKER("php-worker", Kind.WORKER), PYTHON("python", Kind.CODE),
    PYTHON_WORKER("python-worker", Kind.WORKER), RUBY("ruby", Kind.CODE),
    RUBY_WORKER("ruby-worker", Kind.WORKER), STATIC("static", Kind.CODE), OPA("opa", Kind.CODE),
    MONGODB("mongodb", Kind.DATA), MYSQL("mysql", Kind.DATA), MYSQL_MASTERSLAVE("mysql-masterslave", Kind.DATA),
    POSTGIS("postgis", Kind.DATA), POSTGRESQL("postgresql", Kind.DATA), REDIS("redis", Kind.DATA),
    SMTP("smtp", Kind.DATA), SOLR("solr", Kind.DATA), RABBITMQ("rabbitmq", Kind.DATA),
    MEMCACHED("memcached", Kind.DATA);

    private enum Kind { CODE, WORKER, DATA }

    private final String wireName;
    private final Kind kind;

    ServiceType(String wireName, Kind kind) {
        this.wireName = wireName;
        this.kind = kind;
    }

    public static Optional<ServiceType> fromName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }

    public static String allNames() {
        return Arrays.stream(values()).map(t -> t.wireName).collect(Collectors.joining(", "));
    }

    /** The name as written in dotcloud.yml. */
    public String wireName() {
        return wireName;
    }

    /** Code services are built from the pushed tree; data services (databases) are not. */
    public boolean isCode() {
        return kind != Kind.DATA;
    }

    /** A code service with an HTTP front end on 8080 (every code type except the {@code *-worker} ones). */
    public boolean isHttp() {
        return kind == Kind.CODE;
    }

    @Override
    public String toString() {
        return wireName;
    }
}
