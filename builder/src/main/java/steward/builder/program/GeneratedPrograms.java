package steward.builder.program;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import steward.builder.manifest.ProcessSpec;
import steward.builder.manifest.ServiceSpec;
import steward.builder.manifest.ServiceType;

/**
 * The {@code [program:x]} sections dotCloud generated from {@code process}/{@code processes}
 * (reference §1.4): {@code command=/bin/sh -lc "exec CMD"} in {@code HOME/current}; for the
 * {@code custom} type {@code /bin/bash -lc "[ -f ~/profile ] && . ~/profile; exec CMD"} in HOME,
 * and {@code ~/run} when neither key is given.
 */
public final class GeneratedPrograms {
    public static final String CUSTOM_DEFAULT = "~/run";

    private GeneratedPrograms() {
    }

    public static List<ProgramSummary> programs(ServiceSpec service, Path home) {
        List<ProgramSummary> out = new ArrayList<>();
        for (ProcessSpec p : processes(service)) {
            out.add(new ProgramSummary(p.name(), command(service, p.command()), directory(service, home)));
        }
        return out;
    }

    /** @param sockets the {@code sockets=} entries every program gets (none when empty) */
    public static String render(ServiceSpec service, Path home, List<String> sockets) {
        StringBuilder sb = new StringBuilder();
        for (ProgramSummary p : programs(service, home)) {
            sb.append("[program:").append(p.name()).append("]\n")
                    .append("command=").append(Ini.escapePercent(p.command())).append('\n')
                    .append("directory=").append(Ini.escapePercent(p.directory())).append('\n');
            if (!sockets.isEmpty()) {
                sb.append(ProgramFragment.socketsLine(sockets)).append('\n');
            }
            sb.append("stdout_logfile=").append(LogFiles.stdout(p.name())).append('\n')
                    .append("stderr_logfile=").append(LogFiles.stderr(p.name())).append("\n\n");
        }
        return sb.toString();
    }

    private static List<ProcessSpec> processes(ServiceSpec service) {
        if (service.type() == ServiceType.CUSTOM && service.processes().isEmpty()) {
            return List.of(new ProcessSpec(service.name(), CUSTOM_DEFAULT));
        }
        return service.processes();
    }

    static String command(ServiceSpec service, String cmd) {
        String script = service.type() == ServiceType.CUSTOM ? "[ -f ~/profile ] && . ~/profile; exec " + cmd : "exec " + cmd;
        String shell = service.type() == ServiceType.CUSTOM ? "/bin/bash" : "/bin/sh";
        return shell + " -lc \"" + script.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static String directory(ServiceSpec service, Path home) {
        return service.type() == ServiceType.CUSTOM ? home.toString() : home.resolve("current").toString();
    }
}
