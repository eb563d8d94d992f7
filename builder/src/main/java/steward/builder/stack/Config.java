package steward.builder.stack;

import java.util.Locale;
import steward.builder.manifest.ServiceSpec;

/** Reads a stack's {@code config:} keys leniently: a value that is not the expected kind falls back to the default. */
final class Config {
    private Config() {
    }

    static int integer(ServiceSpec s, String key, int dflt) {
        Object v = s.config().get(key);
        if (v == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(v.toString().trim());
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    static boolean bool(ServiceSpec s, String key) {
        Object v = s.config().get(key);
        return v != null && v.toString().trim().toLowerCase(Locale.ROOT).matches("true|yes|on|1");
    }

    static String string(ServiceSpec s, String key, String dflt) {
        Object v = s.config().get(key);
        return v == null ? dflt : v.toString().trim();
    }
}
