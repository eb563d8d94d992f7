package steward.builder.node;

import java.nio.file.Path;
import java.util.List;

/** An installed node: its version ({@code v20.11.1}) and the {@code bin} directory holding {@code node}. */
public record NodeInstall(String version, List<Integer> parts, Path binDir) implements Comparable<NodeInstall> {
    public NodeInstall {
        parts = List.copyOf(parts);
    }

    @Override
    public int compareTo(NodeInstall o) {
        for (int i = 0; i < 3; i++) {
            int c = Integer.compare(parts.get(i), o.parts.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
