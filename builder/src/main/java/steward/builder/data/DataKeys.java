package steward.builder.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import steward.builder.manifest.ServiceSpec;

/** A data service's own variables: {@code PORT_<NAME>} and its {@code DOTCLOUD_<SVC>_<NAME>_*} keys. */
public final class DataKeys {
    private DataKeys() {
    }

    /**
     * For a data service, its endpoint (generated and kept on first use, {@link DataEndpoint#ensure})
     * as variables; empty for a code service.
     *
     * @param wiring the build's added variables ({@code PORT_<NAME>} sets the port)
     */
    public static Map<String, String> own(Path home, ServiceSpec service, String host, Map<String, String> wiring) throws IOException {
        if (service.type().isCode()) {
            return Map.of();
        }
        DataType type = DataTypes.of(service.type());
        DataEndpoint e = type.unavailable().isPresent() ? DataEndpoint.peek(home, type) : DataEndpoint.ensure(home, type, wiring);
        Map<String, String> env = new LinkedHashMap<>();
        if (type.unavailable().isEmpty()) {
            env.put("PORT_" + type.portName(), String.valueOf(e.port()));
            env.putAll(type.keys(service.name(), host, e.port(), e.login(), e.password()));
        }
        return env;
    }
}
