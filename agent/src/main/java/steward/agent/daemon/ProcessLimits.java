package steward.agent.daemon;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import steward.agent.os.Errno;
import steward.agent.os.LibC;
import steward.compat.config.DaemonConfig;

/**
 * What supervisord checks and changes about its own process before it starts anything: enough
 * file descriptors ({@code minfds}), and the user it runs as ({@code [supervisord] user}).
 */
final class ProcessLimits {
    private ProcessLimits() {
    }

    /** A reason the daemon must not start. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** Raises the soft RLIMIT_NOFILE to minfds when the hard limit allows it, as supervisord does. */
    static void ensureFds(DaemonConfig d) throws Refused {
        long[] lim = new long[2];
        if (LibC.getrlimit(LibC.RLIMIT_NOFILE, lim) != 0 || lim[0] >= d.minfds()) {
            return;
        }
        if (lim[1] >= 0 && lim[1] < d.minfds()) {
            throw new Refused("The minimum number of file descriptors required to run this process is " + d.minfds()
                    + " as per the \"minfds\" command-line argument or config file setting. The current environment"
                    + " will only allow you to open " + lim[1] + " file descriptors.  Either raise the number of"
                    + " usable file descriptors in your environment (see README.rst) or lower the minfds setting"
                    + " in the config file to allow the process to start.");
        }
        LibC.setrlimit(LibC.RLIMIT_NOFILE, new long[] {d.minfds(), lim[1]});
    }

    /**
     * Drops to {@code [supervisord] user} when root (glibc applies set*id to every thread);
     * returns the CRIT line supervisord logs when root runs without one, or null.
     */
    static String dropPrivileges(DaemonConfig d) throws Refused {
        int euid = LibC.geteuid();
        if (d.user().isEmpty()) {
            return euid == 0 ? "Supervisor is running as root.  Privileges were not dropped because no user is"
                    + " specified in the config file.  If you intend to run as root, you can set user=root in the"
                    + " config file to avoid this message." : null;
        }
        String user = d.user().get();
        Pointer pw = LibC.getpwnam(user);
        if (pw == null) {
            throw new Refused("Invalid user name " + user);
        }
        int uid = pw.getInt(16);
        int gid = pw.getInt(20);
        if (uid == euid) {
            return null;
        }
        if (euid != 0) {
            throw new Refused("Can't drop privilege as nonroot user");
        }
        if (LibC.initgroups(user, gid) != 0 || LibC.setgid(gid) != 0 || LibC.setuid(uid) != 0) {
            throw new Refused("Could not set user id of daemon to " + user + ": " + Errno.name(Native.getLastError()));
        }
        return null;
    }
}
