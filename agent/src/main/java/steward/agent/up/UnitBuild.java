package steward.agent.up;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Builds one unit of an app like a push into its home, unless its tree and wiring are unchanged
 * since the last successful build there. The deploy itself is the caller's (it knows the client
 * side of a deploy); this decides and records.
 */
public final class UnitBuild {
    /** Builds {@code tree} for the unit's service with these variables into its home; returns an exit status. */
    @FunctionalInterface
    public interface Deployer {
        int deploy(Unit unit, Path tree, Map<String, String> wiring, PrintStream out) throws IOException;
    }

    /** What happened to a unit's build. */
    public enum Outcome { BUILT, UNCHANGED, FAILED }

    private UnitBuild() {
    }

    public static Outcome run(Unit unit, Path tree, Map<String, String> wiring, Deployer deployer, PrintStream out,
            PrintStream err) throws IOException {
        String stamp = TreeStamp.of(tree, unit, wiring);
        Optional<String> last = TreeStamp.last(unit.home());
        if (last.isPresent() && last.get().equals(stamp)) {
            out.println("==> " + unit.label() + ": unchanged since the last build, not rebuilt");
            return Outcome.UNCHANGED;
        }
        out.println("==> " + unit.label() + ": building (" + unit.spec().type() + ") into " + unit.home());
        out.flush();
        int code = deployer.deploy(unit, tree, wiring, out);
        if (code != 0) {
            err.println("steward up: " + unit.label() + " failed to build; the other services still run");
            return Outcome.FAILED;
        }
        TreeStamp.record(unit.home(), stamp);
        return Outcome.BUILT;
    }
}
