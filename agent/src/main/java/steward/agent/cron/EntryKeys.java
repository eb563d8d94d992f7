package steward.agent.cron;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Names each line by what it does (schedule, command, input, variables, zone, overlap), not by its
 * line number: a line that did not change keeps its name, its state and its runs across reloads and
 * redeploys, and instances that load the same crontab agree on the names. Identical lines get
 * {@code -1}, {@code -2}, … in file order.
 */
final class EntryKeys {
    private EntryKeys() {
    }

    static Map<String, CronEntry> keyed(List<CronEntry> entries) {
        Map<String, CronEntry> out = new LinkedHashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        for (CronEntry e : entries) {
            String base = digest(e);
            int n = seen.merge(base, 1, Integer::sum);
            out.put(base + "-" + n, e);
        }
        return out;
    }

    private static String digest(CronEntry e) {
        StringBuilder b = new StringBuilder();
        b.append(e.schedule().spec()).append('\0').append(e.command()).append('\0').append(e.input()).append('\0')
                .append(e.zone().map(Object::toString).orElse("")).append('\0').append(e.overlap());
        new TreeMap<>(e.env()).forEach((k, v) -> b.append('\0').append(k).append('=').append(v));
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(b.toString().getBytes(StandardCharsets.UTF_8));
            return "j" + HexFormat.of().formatHex(h, 0, 8);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
