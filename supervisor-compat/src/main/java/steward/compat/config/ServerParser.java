package steward.compat.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** {@code [unix_http_server]}, {@code [inet_http_server]} and {@code [supervisorctl]}, as Supervisor reads them. */
final class ServerParser {
    private ServerParser() {
    }

    static Optional<InetHttpServerConfig> inet(ParseContext ctx) throws ConfError {
        String section = "inet_http_server";
        if (ctx.ini().section(section).isEmpty()) {
            return Optional.empty();
        }
        SectionValues v = ctx.values(section);
        Map<String, Object> names = ctx.envNames();
        String[] auth = auth(v, names);
        String port = v.text("port", null, names);
        if (port == null) {
            throw v.error(null, "section [" + section + "] has no port value");
        }
        InetHttpServerConfig address = v.convert("port", port, Values::inetAddress);
        return Optional.of(new InetHttpServerConfig(address.host(), address.port(),
                Optional.ofNullable(auth[0]), Optional.ofNullable(auth[1])));
    }

    static Optional<UnixHttpServerConfig> unix(ParseContext ctx) throws ConfError {
        String section = "unix_http_server";
        if (ctx.ini().section(section).isEmpty()) {
            return Optional.empty();
        }
        SectionValues v = ctx.values(section);
        Map<String, Object> names = new LinkedHashMap<>(ctx.envNames());
        names.put("here", ctx.here());
        String file = v.text("file", null, names);
        if (file == null) {
            throw v.error(null, "section [" + section + "] has no file value");
        }
        String[] auth = auth(v, ctx.envNames());
        String chown = v.text("chown", null, ctx.envNames());
        if (chown != null && !validChown(ctx.users(), chown)) {
            throw v.error("chown", "Invalid sockchown value " + chown);
        }
        String chmodText = v.text("chmod", null, ctx.envNames());
        int chmod = 0700;
        if (chmodText != null) {
            try {
                chmod = Values.octal(chmodText);
            } catch (IllegalArgumentException e) {
                throw v.error("chmod", "Invalid chmod value " + chmodText);
            }
        }
        return Optional.of(new UnixHttpServerConfig(ctx.normalize(Py.strip(file)), chmod, Optional.ofNullable(chown),
                Optional.ofNullable(auth[0]), Optional.ofNullable(auth[1])));
    }

    private static boolean validChown(Users users, String chown) {
        int colon = chown.indexOf(':');
        try {
            users.uidOf(colon < 0 ? chown : chown.substring(0, colon));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return colon < 0 || users.hasGroup(chown.substring(colon + 1));
    }

    private static String[] auth(SectionValues v, Map<String, Object> names) throws ConfError {
        String username = v.text("username", null, names);
        String password = v.text("password", null, names);
        if ((username == null) != (password == null)) {
            throw v.error(username == null ? "password" : "username", "Section [" + v.name() + "] contains "
                    + "incomplete authentication: If a username or a password is specified, both the username "
                    + "and password must be specified");
        }
        return new String[] {username, password};
    }

    /** [supervisorctl]: supervisorctl reads it without includes and without [supervisord] environment keys. */
    static CtlConfig ctl(ParseContext ctx, Map<String, Object> processEnvNames) throws ConfError {
        SectionValues v = ctx.values("supervisorctl");
        Map<String, Object> names = new LinkedHashMap<>(processEnvNames);
        Map<String, Object> withHere = new LinkedHashMap<>(processEnvNames);
        withHere.put("here", ctx.here());
        String serverurl = v.text("serverurl", "http://localhost:9001", withHere);
        if (serverurl.startsWith("unix://")) {
            serverurl = "unix://" + ctx.normalize(serverurl.substring(7));
        }
        String prompt = v.text("prompt", "supervisor", names);
        String username = v.text("username", null, names);
        String password = v.text("password", null, names);
        String history = v.text("history_file", null, withHere);
        return new CtlConfig(Optional.of(serverurl), Optional.ofNullable(username), Optional.ofNullable(password),
                prompt, history == null || history.isEmpty() ? Optional.empty()
                        : Optional.of(ctx.normalize(history).toString()));
    }
}
