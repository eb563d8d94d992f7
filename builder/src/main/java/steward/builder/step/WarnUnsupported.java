package steward.builder.step;

import steward.builder.manifest.ServiceType;

/** Says plainly what Steward does not do for this service instead of pretending it did. */
public final class WarnUnsupported implements BuildStep {
    @Override
    public void run(BuildContext ctx) {
        var s = ctx.service();
        if (!s.systempackages().isEmpty()) {
            ctx.warn("systempackages " + s.systempackages() + " are not installed by Steward; install them in the image");
        }
        if (!s.requirements().isEmpty()) {
            ctx.warn("requirements " + s.requirements() + " are not installed by Steward for type " + s.type());
        }
        if (s.type() != ServiceType.NODEJS && s.type() != ServiceType.CUSTOM) {
            ctx.note("type " + s.type() + ": no type-specific build step in Steward (only nodejs has one)");
        }
        if (s.instances() > 1) {
            ctx.warn("instances: " + s.instances() + " is ignored; Steward runs one instance per home");
        }
    }

    @Override
    public String name() {
        return "check";
    }
}
