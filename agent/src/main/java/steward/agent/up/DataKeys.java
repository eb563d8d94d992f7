package steward.agent.up;

import java.nio.file.Path;
import java.util.Map;
import steward.builder.manifest.ServiceSpec;

/**
 * The {@code DOTCLOUD_<SVC>_<PORT>_*} keys a data service gives every other service of the app
 * (host, port, login, password, URL), read from its home once it runs. The data service types
 * (issue 21 §1) supply it; until then none has keys.
 */
@FunctionalInterface
public interface DataKeys {
    DataKeys NONE = (service, home) -> Map.of();

    Map<String, String> keys(ServiceSpec service, Path home);
}
