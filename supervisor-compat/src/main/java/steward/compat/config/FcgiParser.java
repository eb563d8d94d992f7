package steward.compat.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code [fcgi-program:x]} section → its group, as Supervisor 4.2.5 reads it: {@code priority}
 * (999), {@code socket_backlog} (1–65535), {@code socket_owner} ({@code user[:group]}),
 * {@code socket_mode} (octal, default 0700), {@code socket} (required, {@code %(program_name)s}
 * expanded); then every program key for its processes.
 */
final class FcgiParser {
    private static final Pattern TCP = Pattern.compile("tcp://([^\\s:]+):(\\d+)");

    private FcgiParser() {
    }

    static GroupConfig parse(ParseContext ctx, String section, Map<String, Object> names) throws ConfError {
        SectionValues v = ctx.values(section);
        String programName = v.convert(null, section.substring(section.indexOf(':') + 1), ParseContext::validName);
        int priority = v.get("priority", "999", names, Values::integer);
        String user = v.text("user", null, names);
        Integer procUid = user == null ? null : v.convert("user", user, s -> ctx.users().uidOf(s));
        String backlogText = v.text("socket_backlog", null, names);
        Integer b = backlogText == null ? null : v.convert("socket_backlog", backlogText, Values::integer);
        if (b != null && (b < 1 || b > 65535)) {
            throw v.error("socket_backlog", "Invalid socket_backlog value " + b);
        }
        OptionalInt backlog = b == null ? OptionalInt.empty() : OptionalInt.of(b);
        String ownerText = v.text("socket_owner", null, names);
        Optional<FcgiSocket.Owner> owner = ownerText == null ? Optional.empty()
                : Optional.of(v.convert("socket_owner", ownerText, s -> owner(ctx.users(), s)));
        String modeText = v.text("socket_mode", null, names);
        OptionalInt mode = modeText == null ? OptionalInt.empty()
                : OptionalInt.of(v.convert("socket_mode", modeText, FcgiParser::mode));
        Map<String, Object> socketNames = new LinkedHashMap<>(names);
        socketNames.put("program_name", programName);
        String socket = v.text("socket", null, socketNames);
        if (socket == null || socket.isEmpty()) {
            throw v.error("socket", "[" + section + "] section requires a \"socket\" line");
        }
        FcgiSocket config = v.convert("socket", socket,
                s -> socket(ctx, s, procUid, owner, mode, backlog, section));
        List<ProcessConfig> processes = ProgramParser.parse(ctx, section, programName);
        return GroupsParser.group(programName, priority, processes, new GroupKind.FastCgi(config));
    }

    private static int mode(String text) {
        try {
            return Values.octal(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid socket_mode value " + text);
        }
    }

    /** Supervisor's {@code colon_separated_user_group}. */
    private static FcgiSocket.Owner owner(Users users, String text) {
        try {
            String[] parts = text.split(":", 2);
            int uid = users.uidOf(parts[0]);
            int gid = parts.length == 1 ? -1 : users.gidOf(parts[1]).orElseThrow();
            return new FcgiSocket.Owner(uid, gid);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Invalid socket_owner value " + text);
        }
    }

    /** Supervisor's {@code parse_fcgi_socket}. */
    private static FcgiSocket socket(ParseContext ctx, String sock, Integer procUid, Optional<FcgiSocket.Owner> owner,
            OptionalInt mode, OptionalInt backlog, String section) {
        String where = " in [" + section + "] socket";
        if (sock.startsWith("unix://")) {
            String raw = sock.substring(7);
            if (!raw.startsWith("/")) {
                throw new IllegalArgumentException("Unix socket path " + raw + " is not an absolute path" + where);
            }
            Path path = ctx.normalize(raw);
            Optional<FcgiSocket.Owner> chown = owner;
            if (chown.isEmpty() && procUid != null && procUid != currentUid()) {
                int gid = ctx.users().byUid(procUid).map(Users.User::gid).orElse(-1);
                chown = Optional.of(new FcgiSocket.Owner(procUid, gid));
            }
            return new FcgiSocket("unix://" + path, Optional.of(path), "", 0, backlog, chown,
                    OptionalInt.of(mode.orElse(0700)));
        }
        if (owner.isPresent() || mode.isPresent()) {
            throw new IllegalArgumentException(
                    "socket_owner and socket_mode params should only be used with a Unix domain socket" + where);
        }
        Matcher m = TCP.matcher(sock);
        if (!m.matches()) {
            throw new IllegalArgumentException("Bad socket format " + sock + where);
        }
        String host = m.group(1).toLowerCase(java.util.Locale.ROOT);
        int port = Values.integer(m.group(2));
        if (port < 1) {
            throw new IllegalArgumentException(port + " is below lower bound (1)" + where);
        }
        if (port > 0xffff) {
            throw new IllegalArgumentException(port + " is above upper bound (65535)" + where);
        }
        return new FcgiSocket("tcp://" + host + ":" + port, Optional.empty(), host, port, backlog, Optional.empty(),
                OptionalInt.empty());
    }

    private static int currentUid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException e) {
            return -1;
        }
    }
}
