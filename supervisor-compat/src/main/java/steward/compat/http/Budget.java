package steward.compat.http;

/**
 * The request bytes all connections may hold in their input buffers together, so that many
 * clients announcing large bodies cannot exhaust the heap. Touched only by the selector thread.
 */
final class Budget {
    private final long max;
    private long used;

    Budget(long max) {
        this.max = max;
    }

    /** Takes {@code n} bytes if they fit. */
    boolean take(long n) {
        if (used + n > max) {
            return false;
        }
        used += n;
        return true;
    }

    void give(long n) {
        used -= n;
    }

    long used() {
        return used;
    }
}
