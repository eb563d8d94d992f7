package steward.compat.config;

/**
 * {@code [rpcinterface:x]} and {@code [ctlplugin:x]}: Supervisor imports a Python factory for each.
 * Steward serves Supervisor's own interface ({@code supervisor.rpcinterface:make_main_rpcinterface})
 * natively; any other factory and every supervisorctl plugin is reported with a warning naming file
 * and line. A factory key left out is refused as Supervisor refuses it.
 */
final class PluginSections {
    static final String RPC_KEY = "supervisor.rpcinterface_factory";
    static final String MAIN_FACTORY = "supervisor.rpcinterface:make_main_rpcinterface";

    private PluginSections() {
    }

    static void check(ParseContext ctx) throws ConfError {
        for (String section : ctx.ini().sectionNames()) {
            if (section.startsWith("rpcinterface:")) {
                SectionValues v = ctx.values(section);
                if (!v.has(RPC_KEY)) {
                    throw v.error(null, "section [" + section + "] does not specify a " + RPC_KEY);
                }
                String factory = v.raw(RPC_KEY, "");
                if (!factory.replaceAll("\\s+", "").equals(MAIN_FACTORY)) {
                    ctx.warnings().add(v.where(RPC_KEY) + "[" + section + "] " + RPC_KEY + " " + Py.repr(factory)
                            + " is not Supervisor's own interface; Steward serves only the supervisor and system "
                            + "namespaces, so this section is ignored and its methods are not available");
                }
            } else if (section.startsWith("ctlplugin:")) {
                SectionValues v = ctx.values(section);
                ctx.warnings().add(v.where(null) + "[" + section + "] is a supervisorctl plugin; steward ctl does not "
                        + "load plugins, so this section is ignored (supervisorctl itself still reads it)");
            }
        }
    }
}
