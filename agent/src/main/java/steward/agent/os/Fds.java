package steward.agent.os;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;

/** Small helpers over raw file descriptors. */
public final class Fds {
    private Fds() {
    }

    /** Closes {@code fd} when it is ≥ 0. */
    public static void close(int fd) {
        if (fd >= 0) {
            LibC.close(fd);
        }
    }

    /**
     * Reads into the direct buffer from its position to its limit. Returns the byte count, 0 at end
     * of file, -1 when nothing is available now (EAGAIN), or -2 on another error.
     */
    public static int read(int fd, ByteBuffer direct) {
        Pointer p = Native.getDirectBufferPointer(direct);
        while (true) {
            long n = LibC.read(fd, p.share(direct.position()), direct.remaining());
            if (n >= 0) {
                direct.position(direct.position() + (int) n);
                return (int) n;
            }
            int err = Native.getLastError();
            if (err == Errno.EINTR) {
                continue;
            }
            return err == Errno.EAGAIN ? -1 : -2;
        }
    }

    /**
     * Writes from the direct buffer's position to its limit. Returns the count written, -1 on EAGAIN,
     * or -errno - 1000 on another error (EPIPE is -1032).
     */
    public static int write(int fd, ByteBuffer direct) {
        Pointer p = Native.getDirectBufferPointer(direct);
        while (true) {
            long n = LibC.write(fd, p.share(direct.position()), direct.remaining());
            if (n >= 0) {
                direct.position(direct.position() + (int) n);
                return (int) n;
            }
            int err = Native.getLastError();
            if (err == Errno.EINTR) {
                continue;
            }
            return err == Errno.EAGAIN ? -1 : -1000 - err;
        }
    }

    /** kill(2); returns 0 or the errno. */
    public static int kill(int pid, int signo) {
        return LibC.kill(pid, signo) == 0 ? 0 : Native.getLastError();
    }
}
