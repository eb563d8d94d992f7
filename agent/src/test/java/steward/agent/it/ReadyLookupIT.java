package steward.agent.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 24 item 7: a DNS outage never freezes the loop. The daemon runs in a mount namespace of its
 * own whose /etc/resolv.conf names a nameserver (a UDP socket this test holds on a loopback address)
 * that never answers; a {@code ready=tcp:} check on a name keeps asking it, and meanwhile
 * {@code pid} (getProcessInfo, answered on the loop) still answers at once (the lookup used to
 * block the loop for the resolver's timeout at every attempt the JVM did not answer from its cache).
 */
class ReadyLookupIT {
    @TempDir
    Path dir;

    @Test
    void aResolverThatNeverAnswersNeverHoldsTheLoop() throws Exception {
        boolean root = new com.sun.security.auth.module.UnixSystem().getUid() == 0;
        if (!root && "true".equals(System.getenv("CI"))) {
            fail("CI runs as root and must run this test");
        }
        assumeTrue(root, "a mount namespace and port 53 need root");
        Apps.requireTool("unshare");
        ThreadLocalRandom r = ThreadLocalRandom.current();
        InetAddress silent = InetAddress.getByName("127.53." + r.nextInt(1, 255) + "." + r.nextInt(1, 255));
        String m = "5" + System.nanoTime() % 100000;
        try (DatagramSocket dns = new DatagramSocket(new InetSocketAddress(silent, 53))) {
            Path resolv = Files.writeString(dir.resolve("resolv.conf"),
                    "nameserver " + silent.getHostAddress() + "\noptions timeout:4 attempts:1\n");
            Path sock = dir.resolve("s.sock");
            Path conf = Files.writeString(dir.resolve("supervisord.conf"), "[supervisord]\nlogfile="
                    + dir.resolve("supervisord.log") + "\npidfile=" + dir.resolve("sd.pid") + "\nchildlogdir=" + dir
                    + "\n\n[unix_http_server]\nfile=" + sock + "\n\n[supervisorctl]\nserverurl=unix://" + sock + "\n\n"
                    + "[program:waits]\ncommand=/bin/sleep 36" + m + "\nready=tcp:never-answered.invalid:80\nstartsecs=0\n");
            ProcessBuilder pb = new ProcessBuilder("unshare", "-m", "/bin/sh", "-c",
                    "mount --bind \"$0\" /etc/resolv.conf && exec \"$1\" supervisord -n -c \"$2\"",
                    resolv.toString(), Steward.BIN.toString(), conf.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("daemon.out").toFile());
            pb.environment().put("STEWARD_NO_BUILD", "1");
            Process daemon = pb.start();
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> CtlShellDifferentialIT.status(conf).contains("STARTING"));
                dns.setSoTimeout(10_000);
                dns.receive(new DatagramPacket(new byte[512], 512)); // the check asks the silent resolver
                AtomicLong slowest = new AtomicLong();
                // longer than the JVM keeps a failed lookup (10 s) plus one lookup: some attempt asks again in it
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
                    long t0 = System.nanoTime();
                    // getProcessInfo is answered on the loop (status, from a snapshot, is not)
                    assertTrue(pid(conf).matches("[1-9]\\d*\\s*"), "pid answers");
                    slowest.accumulateAndGet((System.nanoTime() - t0) / 1_000_000, Math::max);
                    return System.nanoTime() > until;
                });
                assertTrue(slowest.get() < 1500, "pid took " + slowest.get() + " ms while a lookup hung");
                int asked = 0;
                try {
                    dns.setSoTimeout(6_000);
                    for (; asked < 3; asked++) {
                        dns.receive(new DatagramPacket(new byte[512], 512));
                    }
                } catch (SocketTimeoutException e) {
                    // fewer queries: the check kept one lookup at a time
                }
                assertTrue(asked >= 1, "the check kept looking the name up");
                daemon.destroy();
                assertTrue(daemon.waitFor(30, TimeUnit.SECONDS), "the daemon stopped on SIGTERM");
                assertEquals(List.of(), Procs.withMarker("36" + m));
            } finally {
                daemon.destroyForcibly();
            }
        }
    }

    /** {@code supervisorctl pid waits} in process (a new JVM per call would hide the daemon's delay). */
    private static String pid(Path conf) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream ps = new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8);
        steward.compat.ctl.Ctl.run(List.of("-c", conf.toString(), "pid", "waits"), ps, ps);
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
