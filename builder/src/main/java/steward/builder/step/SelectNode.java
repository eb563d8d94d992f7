package steward.builder.step;

import java.io.IOException;
import java.util.Optional;
import steward.builder.manifest.ServiceType;
import steward.builder.node.NodeLocator;
import steward.builder.node.NodeSelection;
import steward.builder.node.NodeVersionSpec;

/** For nodejs services: picks the node matching {@code config.node_version}, or warns once and uses the installed one. */
public final class SelectNode implements BuildStep {
    @Override
    public void run(BuildContext ctx) throws IOException {
        if (ctx.service().type() != ServiceType.NODEJS) {
            return;
        }
        Optional<NodeVersionSpec> spec = ctx.service().nodeVersion().map(NodeVersionSpec::parse);
        NodeLocator locator = new NodeLocator(ctx.config().nodesDir(), ctx.config().baseEnvironment().get("PATH"), ctx.runner());
        NodeSelection selection = locator.select(spec);
        ctx.node(selection);
        selection.warning().ifPresent(ctx::warn);
        selection.node().ifPresent(n -> ctx.listener().progress("Using node " + n.version() + " (" + n.binDir() + ")"));
    }

    @Override
    public String name() {
        return "node";
    }
}
