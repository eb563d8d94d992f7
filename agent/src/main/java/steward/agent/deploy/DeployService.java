package steward.agent.deploy;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import steward.builder.Builder;
import steward.builder.release.Release;
import steward.compat.api.Fault;
import steward.compat.api.RpcFault;

/**
 * Runs activations one at a time on the agent's deploy thread and keeps their transcripts for the
 * {@code deploy} command to read. A second request while one runs is refused.
 */
public final class DeployService implements AutoCloseable {
    private static final int KEEP = 8;

    private final Builder builder;
    private final Redeployer redeployer;
    private final TranscriptListener builderListener;
    private final Consumer<String> log;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "steward-deploy");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger counter = new AtomicInteger();
    private final Map<String, Transcript> transcripts = new LinkedHashMap<>();
    private Transcript running;
    private volatile Consumer<DeployOutcome> outcomes = o -> { };

    public DeployService(Builder builder, Redeployer redeployer, TranscriptListener builderListener, Consumer<String> log) {
        this.builder = builder;
        this.redeployer = redeployer;
        this.builderListener = builderListener;
        this.log = log;
    }

    /** Starts activating the release named {@code releaseId}; returns its transcript. */
    public Transcript activate(String releaseId, Duration readyTimeout) throws RpcFault {
        Release r;
        try {
            r = builder.releases().stream().filter(x -> x.id().equals(releaseId)).findFirst()
                    .orElseThrow(() -> new RpcFault(Fault.BAD_NAME, "no complete build revision " + releaseId));
        } catch (IOException e) {
            throw new RpcFault(Fault.FAILED, e.getMessage());
        }
        return submit(r, readyTimeout);
    }

    /** Starts activating the release before the active one. */
    public Transcript rollback(Duration readyTimeout) throws RpcFault {
        Optional<Release> prev;
        try {
            prev = builder.previous();
        } catch (IOException e) {
            throw new RpcFault(Fault.FAILED, e.getMessage());
        }
        if (prev.isEmpty()) {
            throw new RpcFault(Fault.FAILED, "there is no previous build revision to roll back to");
        }
        return submit(prev.get(), readyTimeout);
    }

    /** Tells {@code listener} how each activation ends (metrics); on the deploy thread. */
    public void onOutcome(Consumer<DeployOutcome> listener) {
        outcomes = listener;
    }

    /** Watches the programs started with the agent until responsive (on the deploy thread). */
    public void watchStartup(Duration timeout) {
        thread.execute(() -> {
            try {
                redeployer.watchStartup(timeout);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    public synchronized Optional<Transcript> transcript(String id) {
        return Optional.ofNullable(transcripts.get(id));
    }

    private synchronized Transcript submit(Release r, Duration readyTimeout) throws RpcFault {
        if (running != null && !running.done()) {
            throw new RpcFault(Fault.FAILED, "deploy " + running.id() + " is still in progress");
        }
        String id = "deploy-" + counter.incrementAndGet();
        Transcript t = new Transcript(id, line -> log.accept(id + ": " + line));
        running = t;
        transcripts.put(id, t);
        while (transcripts.size() > KEEP) {
            transcripts.remove(transcripts.keySet().iterator().next());
        }
        thread.execute(() -> {
            builderListener.attach(t);
            try {
                outcomes.accept(redeployer.activate(r, readyTimeout, t));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                t.line("interrupted");
                t.finish(false);
            } catch (RuntimeException e) {
                t.line("Deploy failed: " + e);
                t.finish(false);
            } finally {
                builderListener.detach();
            }
        });
        return t;
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
