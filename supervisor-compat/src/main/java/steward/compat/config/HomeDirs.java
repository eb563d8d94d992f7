package steward.compat.config;

import java.util.Map;

/** Python's {@code os.path.expanduser}: {@code ~} from HOME (else the passwd entry), {@code ~user} from passwd. */
public final class HomeDirs {
    private final Map<String, String> env;
    private final Users users;

    public HomeDirs(Map<String, String> env, Users users) {
        this.env = Map.copyOf(env);
        this.users = users;
    }

    public String expandUser(String path) {
        if (!path.startsWith("~")) {
            return path;
        }
        int slash = path.indexOf('/');
        int end = slash < 0 ? path.length() : slash;
        String name = path.substring(1, end);
        String home;
        if (name.isEmpty()) {
            home = env.get("HOME");
            if (home == null) {
                home = System.getProperty("user.home");
            }
        } else {
            home = users.byName(name).map(Users.User::home).orElse(null);
            if (home == null) {
                return path;
            }
        }
        String result = home.replaceAll("/+$", "") + path.substring(end);
        return result.isEmpty() ? "/" : result;
    }
}
