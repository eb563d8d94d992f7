package steward.builder.step;

/** Says plainly what Steward does not do for this service instead of pretending it did. */
public final class WarnUnsupported implements BuildStep {
    private final boolean requirements;
    private final boolean supported;

    /**
     * @param requirements the type's dependency step installs {@code requirements:}
     * @param supported the type is built and run by Steward (false: java, opa)
     */
    public WarnUnsupported(boolean requirements, boolean supported) {
        this.requirements = requirements;
        this.supported = supported;
    }

    @Override
    public void run(BuildContext ctx) {
        var s = ctx.service();
        if (!s.requirements().isEmpty() && !requirements) {
            ctx.warn("requirements " + s.requirements() + " are not installed by Steward for type " + s.type());
        }
        if (!supported) {
            ctx.warn("type " + s.type() + ": Steward has no build step or runtime stack for it; only the approot's "
                    + "supervisord.conf and process/processes run");
        }
        if (s.instances() > 1) {
            ctx.warn("instances: " + s.instances() + " is ignored by deploy and run (one instance per home); "
                    + "`steward up` runs that many agents");
        }
    }

    @Override
    public String name() {
        return "check";
    }
}
