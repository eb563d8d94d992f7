package steward.agent.sockets;

import java.util.ArrayList;
import java.util.List;

/**
 * The kernel's order of the listening sockets of one reuseport group (net/core/sock_reuseport.c),
 * mirrored so that a classic BPF program can name the newest one by index: a socket that listens
 * is appended; a socket finally closed (its last descriptor, in whichever process) leaves its slot
 * to the group's last one. Sockets are named by their inode. Not thread-safe (loop thread).
 */
final class ReuseportGroup {
    private final List<Long> socks = new ArrayList<>();

    /** {@code inode} listens now (it joined the group at the end). */
    void joined(long inode) {
        socks.add(inode);
    }

    /** {@code inode} was finally closed: the last socket takes its slot. False when it was not a member. */
    boolean closed(long inode) {
        int i = socks.indexOf(inode);
        if (i < 0) {
            return false;
        }
        long last = socks.remove(socks.size() - 1);
        if (i < socks.size()) {
            socks.set(i, last);
        }
        return true;
    }

    /** The index of {@code inode} in the group, or -1. */
    int index(long inode) {
        return socks.indexOf(inode);
    }

    int size() {
        return socks.size();
    }

    /** The members, in the kernel's order. */
    List<Long> members() {
        return List.copyOf(socks);
    }
}
