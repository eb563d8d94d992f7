package steward.agent.cron;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import steward.compat.rpc.MethodTable;

/**
 * The control-socket face of cron: {@code steward.cronStatus}, what {@code steward ctl cron} prints.
 * Add the table to the control server with {@code ControlServer.builder(engine).methods(CronMethods.table(cron))}.
 */
public final class CronMethods {
    private CronMethods() {
    }

    public static MethodTable table(CronService cron) {
        return table(() -> java.util.Optional.of(cron));
    }

    /** For an agent whose cron service starts only when a release has a crontab: empty until then. */
    public static MethodTable table(java.util.function.Supplier<java.util.Optional<CronService>> cron) {
        return MethodTable.builder("steward")
                .add("cronStatus", List.of("array"), """
                        Jobs of the service's crontab, in crontab order: one struct per line with line (int),
                        schedule, command (strings), overlap (bool), lastrun, nextrun (epoch seconds, 0 = none),
                        lastexit (int, -1 = signal, empty string = never ran), lastresult (string),
                        running (bool), pids (array of int), runs, skipped (int).""",
                        params -> {
                            params.expect(0, 0);
                            List<Object> out = new ArrayList<>();
                            cron.get().ifPresent(c -> c.status().forEach(s -> out.add(struct(s))));
                            return out;
                        })
                .build();
    }

    static Map<String, Object> struct(CronStatus s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("line", s.line());
        m.put("schedule", s.schedule());
        m.put("command", s.command());
        m.put("overlap", s.overlap());
        m.put("lastrun", s.lastRun().map(Instant::getEpochSecond).map(Long::intValue).orElse(0));
        m.put("nextrun", s.nextRun().map(Instant::getEpochSecond).map(Long::intValue).orElse(0));
        m.put("lastexit", s.lastExit().isPresent() ? (Object) s.lastExit().getAsInt() : "");
        m.put("lastresult", s.lastResult());
        m.put("running", s.running());
        m.put("pids", new ArrayList<Object>(s.pids()));
        m.put("runs", (int) s.runs());
        m.put("skipped", (int) s.skipped());
        return m;
    }
}
