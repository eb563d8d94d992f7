package steward.agent.os;

import com.sun.jna.Native;

/**
 * A pipe made with O_CLOEXEC; {@code parentEnd} is set non-blocking for the event loop, the
 * child's end stays blocking.
 */
public record Pipe(int read, int write) {

    /** A pipe whose read end is the parent's (non-blocking): for a child's stdout or stderr. */
    public static Pipe forChildOutput() throws NativeException {
        Pipe p = open();
        setNonBlocking(p.read);
        return p;
    }

    /** A pipe whose write end is the parent's (non-blocking): for a child's stdin. */
    public static Pipe forChildInput() throws NativeException {
        Pipe p = open();
        setNonBlocking(p.write);
        return p;
    }

    private static Pipe open() throws NativeException {
        int[] fds = new int[2];
        if (LibC.pipe2(fds, LibC.O_CLOEXEC) != 0) {
            throw new NativeException("pipe2", Native.getLastError());
        }
        return new Pipe(fds[0], fds[1]);
    }

    private static void setNonBlocking(int fd) throws NativeException {
        int flags = LibC.fcntl(fd, LibC.F_GETFL, 0);
        if (flags < 0 || LibC.fcntl(fd, LibC.F_SETFL, flags | LibC.O_NONBLOCK) < 0) {
            throw new NativeException("fcntl", Native.getLastError());
        }
    }

    public void close() {
        Fds.close(read);
        Fds.close(write);
    }
}
