package steward.agent.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import steward.agent.os.EventLoop;
import steward.compat.api.Fault;
import steward.compat.api.ProcessInfo;
import steward.compat.api.RpcFault;
import steward.compat.config.GroupConfig;

/**
 * A redeploy's overlap for programs whose listening sockets the daemon holds. The configured
 * (new) group NAME is started as a staged group beside the active group of the same name, its
 * processes named {@code NAME~next} in events and logs, so both serve the held socket; once the
 * deploy has seen it RUNNING (and serving), {@link #promote} makes it the active group: a fresh
 * group of the new configuration adopts the running children and the old group's children get their
 * stop signal and drain in the background. {@link #discard} stops a staged group that failed and
 * forgets it; the active group was never touched. Callable from any thread.
 */
public final class Staging {
    private static final String SUFFIX = "~next";

    private final EventLoop loop;
    private final Configs configs;
    private final Groups groups;
    /** Publishes the engine's view again after a change no event reports. */
    private final Runnable refreshView;

    Staging(EventLoop loop, Configs configs, Groups groups, Runnable refreshView) {
        this.loop = loop;
        this.configs = configs;
        this.groups = groups;
        this.refreshView = refreshView;
    }

    /** The name a staged group's processes carry in their refs, events and logs. */
    public static String stagedName(String group) {
        return group + SUFFIX;
    }

    /** The active group a staged group's name stands for ({@code NAME~next}: NAME), or empty for any other name. */
    public static java.util.Optional<String> activeNameOf(String staged) {
        return staged.endsWith(SUFFIX) ? java.util.Optional.of(staged.substring(0, staged.length() - SUFFIX.length()))
                : java.util.Optional.empty();
    }

    /**
     * Starts the configured group {@code group} beside the active one (autostart applies). Faults:
     * BAD_NAME (not configured, or not active: add it instead), ALREADY_ADDED (staged already).
     */
    public CompletableFuture<Void> stage(String group) {
        return loop.call(() -> {
            GroupConfig gc = configs.configuredGroup(group);
            if (!groups.contains(group)) {
                throw new RpcFault(Fault.BAD_NAME, group + " is not active");
            }
            if (groups.staged(group).isPresent()) {
                throw new RpcFault(Fault.ALREADY_ADDED, stagedName(group));
            }
            Groups.autostart(List.of(groups.stage(gc)));
            refreshView.run();
            return null;
        });
    }

    /** Every staged process's info, its group named {@code NAME~next}. */
    public List<ProcessInfo> info() {
        return loop.callAndWait(() -> {
            List<ProcessInfo> all = new ArrayList<>();
            long now = loop.clock().millis() / 1000;
            groups.stagedGroups().forEach(g -> g.runners().forEach(r -> all.add(r.info(now))));
            return all;
        });
    }

    /** The staged group becomes the active one (see the class comment). Fault: BAD_NAME when none is staged. */
    public CompletableFuture<Void> promote(String group) {
        return loop.call(() -> {
            if (groups.staged(group).isEmpty()) {
                throw new RpcFault(Fault.BAD_NAME, stagedName(group));
            }
            groups.promote(group);
            refreshView.run();
            return null;
        });
    }

    /** Stops the staged group's processes (a socket program's drain) and forgets the group; nothing when none is staged. */
    public CompletableFuture<Void> discard(String group) {
        return loop.call(() -> {
            List<CompletableFuture<Void>> stopped = new ArrayList<>();
            groups.staged(group).ifPresent(g -> g.runners().forEach(r -> {
                r.stop(false);
                stopped.add(r.whenStopped());
            }));
            return CompletableFuture.allOf(stopped.toArray(CompletableFuture[]::new))
                    .thenRun(() -> groups.discard(group));
        }).thenCompose(f -> f);
    }
}
