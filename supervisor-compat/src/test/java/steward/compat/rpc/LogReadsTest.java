package steward.compat.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import steward.compat.api.Fault;
import steward.compat.api.RpcFault;
import steward.compat.testing.FakeControl;
import steward.compat.xmlrpc.FileText;

/**
 * supervisord's read and tail rules; small reads come back as text, large ones as a {@link FileText}
 * that the control server streams (issue 24 item 15: no heap-sized limit, so no fault for size).
 */
class LogReadsTest {
    @TempDir
    Path dir;

    private Path sparseLog(long size) throws Exception {
        Path log = dir.resolve("big.log");
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "rw")) {
            f.setLength(size);
            f.seek(size - 4);
            f.write("end\n".getBytes());
        }
        return log;
    }

    @Test
    void aTwentyMillionByteReadThroughTheRpcTableIsAStretchOfTheFile() throws Exception {
        FakeControl control = new FakeControl();
        Path log = sparseLog(100L << 20);
        control.add("big", "big", 1).stdout = log.toString();
        RpcDispatcher rpc = RpcDispatcher.create(control, "4.2.5", ZoneId.of("UTC"), List.of());
        Object big = rpc.call("supervisor.readProcessStdoutLog", List.of("big", -20_000_000, 0)).join();
        assertEquals(new FileText(log, (100L << 20) - 20_000_000, 20_000_000), big);
        assertEquals("end\n", rpc.call("supervisor.readProcessStdoutLog", List.of("big", -4, 0)).join());
    }

    @Test
    void readsUpToSixtyFourKilobytesAreTextAndTailsKeepSupervisordsRules() throws Exception {
        Path log = sparseLog(100_000);
        assertEquals(LogReads.INLINE, ((String) LogReads.read(log.toString(), -LogReads.INLINE, 0)).length());
        assertEquals(new FileText(log, 100_000 - LogReads.INLINE - 1, LogReads.INLINE + 1),
                LogReads.read(log.toString(), -LogReads.INLINE - 1, 0));
        assertEquals(new FileText(log, 0, 100_000), LogReads.read(log.toString(), 0, 0));
        RpcFault f = assertThrows(RpcFault.class, () -> LogReads.read(log.toString(), -1, 5));
        assertEquals(Fault.BAD_ARGUMENTS.code(), f.code());
        List<Object> tail = LogReads.tail(log.toString(), 0, 100);
        assertEquals(List.of(100, 100_000, true), List.of(((String) tail.get(0)).length(), tail.get(1), tail.get(2)));
        assertEquals(List.of(new FileText(log, 0, 100_000), 100_000, false), LogReads.tail(log.toString(), 0, 200_000));
        assertEquals("end\n", ((FileText) LogReads.tail(log.toString(), 0, 100_000).get(0)).read().substring(99_996));
    }
}
