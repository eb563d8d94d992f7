package steward.builder.manifest;

import java.nio.file.Path;

/**
 * A Build File error, located: {@code dotcloud.yml:4: service 'www', key 'type': unknown type 'nodjs'}.
 * Service and key are null when the error is not inside one.
 */
public final class ManifestException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final int line;
    private final String service;
    private final String key;
    private final String reason;

    public ManifestException(Path file, int line, String service, String key, String reason) {
        super(format(file, line, service, key, reason));
        this.file = file;
        this.line = line;
        this.service = service;
        this.key = key;
        this.reason = reason;
    }

    private static String format(Path file, int line, String service, String key, String reason) {
        StringBuilder sb = new StringBuilder().append(file);
        if (line > 0) {
            sb.append(':').append(line);
        }
        sb.append(": ");
        if (service != null) {
            sb.append("service '").append(service).append('\'');
            sb.append(key != null ? ", key '" + key + "': " : ": ");
        } else if (key != null) {
            sb.append("key '").append(key).append("': ");
        }
        return sb.append(reason).toString();
    }

    public Path file() {
        return file;
    }

    /** 1-based line, or 0 when unknown. */
    public int line() {
        return line;
    }

    public String service() {
        return service;
    }

    public String key() {
        return key;
    }

    public String reason() {
        return reason;
    }
}
