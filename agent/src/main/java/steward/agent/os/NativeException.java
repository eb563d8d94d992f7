package steward.agent.os;

/** A failed system call, with its errno. */
public final class NativeException extends Exception {
    private final int errno;

    public NativeException(String call, int errno) {
        super(call + ": " + Errno.name(errno), null, false, false);
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }
}
