package steward.builder.node;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A {@code node_version} as written in dotcloud.yml: {@code v20.x}, {@code 20}, {@code v0.6.x},
 * {@code 18.19.1}. Up to three dot-separated parts, each a number or a wildcard ({@code x}, {@code *});
 * parts after a wildcard must also be wildcards. Missing parts match anything.
 */
public record NodeVersionSpec(String written, List<Integer> parts) {
    private static final Pattern PART = Pattern.compile("\\d{1,6}|[xX*]");

    public NodeVersionSpec {
        parts = List.copyOf(parts);
    }

    /** Parses a spec; the message of the exception says what is accepted. */
    public static NodeVersionSpec parse(String written) {
        String s = written.trim();
        String body = s.startsWith("v") || s.startsWith("V") ? s.substring(1) : s;
        String[] split = body.split("\\.", -1);
        if (body.isEmpty() || split.length > 3) {
            throw invalid(written);
        }
        List<Integer> parts = new ArrayList<>();
        boolean wild = false;
        for (String p : split) {
            if (!PART.matcher(p).matches()) {
                throw invalid(written);
            }
            if (Character.isDigit(p.charAt(0))) {
                if (wild) {
                    throw invalid(written);
                }
                parts.add(Integer.parseInt(p));
            } else {
                wild = true;
            }
        }
        if (parts.isEmpty()) {
            throw invalid(written);
        }
        return new NodeVersionSpec(written, parts);
    }

    private static IllegalArgumentException invalid(String written) {
        return new IllegalArgumentException("node_version '" + written
                + "' is not a version; write it like v20.x, 20, 18.19.1 or v0.6.x");
    }

    /** Parses an installed version such as {@code v20.11.1} or {@code 20.11.1}; empty when not one. */
    public static Optional<List<Integer>> installed(String version) {
        String s = version.trim().toLowerCase(Locale.ROOT);
        s = s.startsWith("v") ? s.substring(1) : s;
        String[] split = s.split("\\.");
        if (split.length != 3) {
            return Optional.empty();
        }
        List<Integer> out = new ArrayList<>();
        for (String p : split) {
            if (!p.matches("\\d{1,6}")) {
                return Optional.empty();
            }
            out.add(Integer.parseInt(p));
        }
        return Optional.of(out);
    }

    public boolean matches(List<Integer> installedVersion) {
        for (int i = 0; i < parts.size(); i++) {
            if (i >= installedVersion.size() || !parts.get(i).equals(installedVersion.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return written;
    }
}
