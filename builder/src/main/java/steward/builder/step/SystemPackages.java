package steward.builder.step;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import steward.builder.exec.Command;
import steward.builder.exec.CommandResult;

/**
 * {@code systempackages:} (Debian names here, as dotCloud's were Ubuntu's): the ones not installed
 * yet are installed with {@code apt-get install -y} when the build runs as root (so a second build
 * with the same list installs nothing); without root, a warning names the missing ones. Daemons
 * the packages bring are not started, as on dotCloud.
 */
public final class SystemPackages implements BuildStep {
    @Override
    public void run(BuildContext ctx) throws BuildFailure, IOException {
        List<String> wanted = ctx.service().systempackages();
        if (wanted.isEmpty()) {
            return;
        }
        List<String> missing = new ArrayList<>();
        for (String pkg : wanted) {
            if (!pkg.matches("[a-z0-9][a-z0-9+.:=~-]*")) {
                throw new BuildFailure(name(), "systempackages: '" + pkg + "' is not a Debian package name", List.of());
            }
            CommandResult r = ctx.runner().run(new Command("dpkg-query -W -f='${Status}' " + pkg + " 2>/dev/null | grep -q 'install ok installed'",
                    ctx.approotDir(), ctx.processEnvironment(), ctx.config().buildTimeout()), line -> { });
            if (!r.succeeded()) {
                missing.add(pkg);
            }
        }
        if (missing.isEmpty()) {
            ctx.listener().progress("systempackages " + wanted + " are installed");
            return;
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            ctx.warn("systempackages " + missing + " are not installed and Steward is not root; install them in the image");
            return;
        }
        String script = "DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends " + String.join(" ", missing);
        ctx.listener().progress("Running " + script);
        CommandResult r = RunHook.run(ctx.runner(), name(), script, ctx.approotDir(), ctx.processEnvironment(),
                ctx.config().buildTimeout(), ctx.listener());
        if (!r.succeeded()) {
            throw BuildFailure.ran(name(), script, r, ctx.config().buildTimeout());
        }
    }

    @Override
    public String name() {
        return "systempackages";
    }
}
