package steward.agent.up;

import java.nio.file.Path;
import steward.builder.manifest.PortProtocol;
import steward.builder.manifest.ServiceSpec;

/**
 * One agent of an app under {@code steward up}: a service, or one instance of a scaled one
 * ({@code instances: N} gives {@code www_0 … www_N-1}), with its own home and, for a web service,
 * its own port (0: none).
 */
public record Unit(ServiceSpec spec, int instance, Path home, int port) {
    /** {@code www}, or {@code www_1} for an instance of a scaled service. */
    public String label() {
        return spec.instances() > 1 ? spec.name() + "_" + instance : spec.name();
    }

    public boolean data() {
        return !spec.type().isCode();
    }

    /** A service that answers HTTP: every code type but the workers, or one declaring an http port. */
    public static boolean web(ServiceSpec s) {
        return s.type().isHttp() || s.ports().containsValue(PortProtocol.HTTP);
    }

    public Unit withPort(int p) {
        return new Unit(spec, instance, home, p);
    }
}
