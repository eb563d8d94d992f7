package steward.compat.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import steward.compat.api.Fault;
import steward.compat.api.RpcFault;
import steward.compat.testing.FakeControl;

/** Issue 15, defect 5: a log read larger than the heap allows is a fault, never an unanswered call. */
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
    void tailOfTwentyMillionBytesIsAFailedFaultThroughTheRpcTable() throws Exception {
        FakeControl control = new FakeControl();
        control.add("big", "big", 1).stdout = sparseLog(100L << 20).toString();
        RpcDispatcher rpc = RpcDispatcher.create(control, "4.2.5", ZoneId.of("UTC"), List.of());
        CompletableFuture<Object> f = rpc.call("supervisor.readProcessStdoutLog", List.of("big", -20_000_000, 0));
        RpcFault fault = RpcDispatcher.faultOf(f.handle((v, e) -> e).join());
        assertEquals(Fault.FAILED.code(), fault.code());
        assertTrue(fault.faultString().contains("at most " + LogReads.MAX_READ + " bytes"), fault.faultString());
        Object small = rpc.call("supervisor.readProcessStdoutLog", List.of("big", -4, 0)).join();
        assertEquals("end\n", small);
    }

    @Test
    void readsAreCappedAndTailsClampedToTheCap() throws Exception {
        Path log = sparseLog(10_000);
        assertEquals(100, LogReads.read(log.toString(), -100, 0, 100).length());
        RpcFault f = assertThrows(RpcFault.class, () -> LogReads.read(log.toString(), -101, 0, 100));
        assertEquals(Fault.FAILED.code(), f.code());
        assertThrows(RpcFault.class, () -> LogReads.read(log.toString(), 0, 0, 100));
        List<Object> tail = LogReads.tail(log.toString(), 0, 5000, 100);
        assertEquals(100, ((String) tail.get(0)).length());
        assertTrue(((String) tail.get(0)).endsWith("end\n"));
        assertEquals(List.of(10_000, true), tail.subList(1, 3));
    }

    @Test
    void theCapFollowsTheHeap() {
        assertEquals(6L << 20, LogReads.maxRead(96L << 20));
        assertEquals(1L << 20, LogReads.maxRead(8L << 20));
        assertEquals(16L << 20, LogReads.maxRead(4L << 30));
    }
}
