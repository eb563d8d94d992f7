package steward.builder.program;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The approot's own {@code supervisord.conf}, prepared for the agent by a small line-based rewrite:
 * a literal {@code /home/dotcloud} path prefix becomes the real home, and every process section
 * ({@code [program:x]}, {@code [fcgi-program:x]}, {@code [eventlistener:x]}: all are kept as written,
 * with every other section) without {@code stdout_logfile}/{@code stderr_logfile} gets dotCloud's default log files
 * (stderr not added when {@code redirect_stderr} is true). With {@code process_name} set, the log
 * name uses that same expansion, so numprocs copies each get their own file. A {@code [program:x]}
 * without {@code sockets} gets the service's held sockets when it has some (nodejs: the web port and
 * its http/tcp ports, so a Node app's listen takes the agent's socket). Line ends become
 * {@code \n} (the agent's parser reads what Supervisor reads, a BOM included: it is refused there).
 */
public final class ProgramFragment {
    private static final Pattern HOME_PREFIX = Pattern.compile("/home/dotcloud(?=[/\\s\"';:,]|$)", Pattern.MULTILINE);
    public static final String DOTCLOUD_HOME = "/home/dotcloud";
    /** The section kinds that declare processes, as {@code [KIND:name]}. */
    private static final List<String> PROCESS_KINDS = List.of("program", "fcgi-program", "eventlistener");

    private final String text;

    /** @param text the file's text; CRLF and lone CR line ends are read as Python's text mode reads them */
    public ProgramFragment(String text) {
        this.text = text.replace("\r\n", "\n").replace('\r', '\n');
    }

    /** Replaces the dotCloud home prefix with {@code home}. */
    public static String rewriteHome(String text, Path home) {
        if (home.toString().equals(DOTCLOUD_HOME)) {
            return text;
        }
        return HOME_PREFIX.matcher(text).replaceAll(Matcher.quoteReplacement(Ini.escapePercent(home.toString())));
    }

    public String render(Path home) {
        return render(home, null, List.of());
    }

    /**
     * As {@link #render(Path)}; with {@code approot}, relative {@code environment_file} entries are
     * made absolute against it (the rendered text is parsed from another directory); {@code sockets}
     * (may be empty) are added to each {@code [program:x]} that does not set {@code sockets} itself.
     */
    public String render(Path home, Path approot, List<String> sockets) {
        List<String> out = new ArrayList<>();
        String program = null;
        boolean plain = false;
        Map<String, String> keys = new LinkedHashMap<>();
        for (String line : rewriteHome(text, home).split("\n", -1)) {
            String section = Ini.section(line);
            if (section != null) {
                closeSection(out, program, keys, plain ? sockets : List.of());
                program = processName(section);
                plain = "program".equals(processKind(section));
                keys.clear();
            } else {
                Matcher m = Ini.KEY.matcher(line);
                if (!Ini.continuation(line) && !Ini.comment(line) && m.matches()) {
                    keys.put(m.group(1), Ini.value(m.group(2)));
                    if (approot != null && program != null && m.group(1).equalsIgnoreCase("environment_file")) {
                        line = m.group(1) + "=" + absoluteEnvFiles(Ini.value(m.group(2)), approot);
                    }
                }
            }
            out.add(line);
        }
        closeSection(out, program, keys, plain ? sockets : List.of());
        String joined = String.join("\n", out);
        return joined.endsWith("\n") ? joined : joined + "\n";
    }

    /** The name of a process section ({@code [program:x]}, {@code [fcgi-program:x]}, {@code [eventlistener:x]}), or null. */
    private static String processName(String section) {
        String kind = processKind(section);
        return kind == null ? null : section.substring(kind.length() + 1).trim();
    }

    private static String processKind(String section) {
        for (String kind : PROCESS_KINDS) {
            if (section.startsWith(kind + ":")) {
                return kind;
            }
        }
        return null;
    }

    private static String absoluteEnvFiles(String value, Path approot) {
        List<String> out = new ArrayList<>();
        for (String f : value.split(",", -1)) {
            String t = f.trim();
            out.add(t.isEmpty() || t.startsWith("/") || t.startsWith("%(") ? t
                    : Ini.escapePercent(approot.toAbsolutePath().normalize().toString()) + "/" + t);
        }
        return String.join(", ", out);
    }

    /** The {@code sockets=} line of these entries. */
    static String socketsLine(List<String> sockets) {
        return "sockets=" + Ini.escapePercent(String.join(",", sockets));
    }

    private static void closeSection(List<String> out, String program, Map<String, String> keys, List<String> sockets) {
        if (program == null) {
            return;
        }
        int at = out.size();
        while (at > 0 && out.get(at - 1).isBlank()) {
            at--;
        }
        String processName = keys.getOrDefault("process_name", program);
        List<String> added = new ArrayList<>();
        if (!sockets.isEmpty() && !keys.containsKey("sockets")) {
            added.add(socketsLine(sockets));
        }
        if (!keys.containsKey("stdout_logfile")) {
            added.add("stdout_logfile=" + LogFiles.stdout(processName));
        }
        boolean redirect = keys.getOrDefault("redirect_stderr", "false").toLowerCase(java.util.Locale.ROOT).matches("true|yes|on|1");
        if (!keys.containsKey("stderr_logfile") && !redirect) {
            added.add("stderr_logfile=" + LogFiles.stderr(processName));
        }
        out.addAll(at, added);
    }

    /** A program section and the 1-based line of its header. */
    public record Located(ProgramSummary program, int line) {
    }

    /** The process sections with kind, command and directory (continuation lines joined), in file order. */
    public List<Located> programs(Path home) {
        List<Located> out = new ArrayList<>();
        String program = null;
        String kind = null;
        int header = 0;
        int lineNo = 0;
        Map<String, String> keys = new LinkedHashMap<>();
        String lastKey = null;
        for (String line : (rewriteHome(text, home) + "\n[end]").split("\n", -1)) {
            lineNo++;
            String section = Ini.section(line);
            if (section != null) {
                if (program != null) {
                    out.add(new Located(new ProgramSummary(program, keys.get("command"), keys.get("directory"), kind),
                            header));
                }
                program = processName(section);
                kind = processKind(section);
                header = lineNo;
                keys.clear();
                lastKey = null;
            } else if (Ini.continuation(line) && lastKey != null) {
                keys.put(lastKey, (keys.get(lastKey) + " " + Ini.value(line)).trim());
            } else {
                Matcher m = Ini.KEY.matcher(line);
                lastKey = !Ini.comment(line) && m.matches() ? m.group(1) : null;
                if (lastKey != null) {
                    keys.put(lastKey, Ini.value(m.group(2)));
                }
            }
        }
        return out;
    }
}
