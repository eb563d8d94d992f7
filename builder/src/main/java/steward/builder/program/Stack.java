package steward.builder.program;

import java.util.List;
import java.util.Map;
import steward.builder.manifest.ServiceSpec;

/**
 * A type's runtime stack: the programs it runs and the configuration files it needs, rendered at
 * build time for one release ({@link StackLayout}). Workers, nodejs and custom have none.
 */
public interface Stack {
    Stack NONE = new Stack() {
        @Override
        public List<StackProgram> programs(StackLayout layout, ServiceSpec service) {
            return List.of();
        }

        @Override
        public Map<String, String> files(StackLayout layout, ServiceSpec service) {
            return Map.of();
        }
    };

    List<StackProgram> programs(StackLayout layout, ServiceSpec service);

    /** File name (inside {@link StackLayout#stackDir()}) → content. */
    Map<String, String> files(StackLayout layout, ServiceSpec service);
}
