package steward.agent.metrics;

/** A cumulative histogram over fixed bounds (seconds), as Prometheus exposes one. Thread-safe. */
public final class Histogram {
    /** Cron job durations: 100 ms to one hour. */
    public static final double[] JOB_SECONDS = {0.1, 0.5, 1, 5, 10, 30, 60, 300, 900, 3600};

    private final double[] bounds;
    private final long[] counts;
    private long count;
    private double sum;

    public Histogram(double[] bounds) {
        this.bounds = bounds.clone();
        this.counts = new long[bounds.length];
    }

    public synchronized void observe(double value) {
        for (int i = 0; i < bounds.length; i++) {
            if (value <= bounds[i]) {
                counts[i]++;
            }
        }
        count++;
        sum += value;
    }

    /** Writes {@code name_bucket}, {@code name_sum}, {@code name_count} with {@code labels} first. */
    public synchronized void write(Exposition out, String name, String... labels) {
        String[] withLe = java.util.Arrays.copyOf(labels, labels.length + 2);
        withLe[labels.length] = "le";
        for (int i = 0; i < bounds.length; i++) {
            withLe[labels.length + 1] = Exposition.le(bounds[i]);
            out.sample(name + "_bucket", counts[i], withLe);
        }
        withLe[labels.length + 1] = "+Inf";
        out.sample(name + "_bucket", count, withLe);
        out.sample(name + "_sum", sum, labels);
        out.sample(name + "_count", count, labels);
    }
}
