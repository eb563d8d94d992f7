package steward.agent.os;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A NULL-terminated {@code char *[]} in one native block, freed by {@link #close()} (JNA's
 * StringArray makes one native allocation per string, each freed only after a GC).
 */
final class CStrings implements AutoCloseable {
    private final Memory block;

    CStrings(List<String> strings) {
        byte[][] bytes = new byte[strings.size()][];
        long table = (long) (strings.size() + 1) * Native.POINTER_SIZE;
        long size = table;
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = strings.get(i).getBytes(StandardCharsets.UTF_8);
            size += bytes[i].length + 1;
        }
        block = new Memory(size);
        long offset = table;
        for (int i = 0; i < bytes.length; i++) {
            block.write(offset, bytes[i], 0, bytes[i].length);
            block.setByte(offset + bytes[i].length, (byte) 0);
            block.setPointer((long) i * Native.POINTER_SIZE, block.share(offset));
            offset += bytes[i].length + 1;
        }
        block.setPointer((long) bytes.length * Native.POINTER_SIZE, null);
    }

    Pointer pointer() {
        return block;
    }

    @Override
    public void close() {
        block.close();
    }
}
