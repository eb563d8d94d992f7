package steward.agent.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The lines of one deploy on the agent side, read by the {@code deploy} command with long polls:
 * {@link #poll} answers as soon as there are lines past {@code from} or the deploy is done, or
 * after a second with nothing new.
 */
public final class Transcript {
    private final String id;
    private final Consumer<String> echo;
    private final List<String> lines = new ArrayList<>();
    private final List<CompletableFuture<Void>> waiters = new ArrayList<>();
    private boolean done;
    private boolean ok;

    /** A page of lines from a position, and whether the deploy has ended (and how). */
    public record Page(List<String> lines, int next, boolean done, boolean ok) {
        public Page {
            lines = List.copyOf(lines);
        }
    }

    public Transcript(String id, Consumer<String> echo) {
        this.id = id;
        this.echo = echo;
    }

    public String id() {
        return id;
    }

    public void line(String text) {
        echo.accept(text);
        List<CompletableFuture<Void>> wake;
        synchronized (this) {
            lines.add(text);
            wake = takeWaiters();
        }
        wake.forEach(w -> w.complete(null));
    }

    public void finish(boolean succeeded) {
        List<CompletableFuture<Void>> wake;
        synchronized (this) {
            done = true;
            ok = succeeded;
            wake = takeWaiters();
        }
        wake.forEach(w -> w.complete(null));
    }

    public synchronized Page page(int from) {
        int start = Math.max(0, Math.min(from, lines.size()));
        return new Page(lines.subList(start, lines.size()), lines.size(), done, ok);
    }

    public CompletableFuture<Page> poll(int from, long timeoutMs) {
        CompletableFuture<Void> w = new CompletableFuture<>();
        synchronized (this) {
            if (done || lines.size() > from) {
                return CompletableFuture.completedFuture(page(from));
            }
            waiters.add(w);
        }
        return w.completeOnTimeout(null, timeoutMs, TimeUnit.MILLISECONDS).thenApply(v -> page(from));
    }

    public synchronized boolean done() {
        return done;
    }

    private List<CompletableFuture<Void>> takeWaiters() {
        List<CompletableFuture<Void>> w = new ArrayList<>(waiters);
        waiters.clear();
        return w;
    }
}
