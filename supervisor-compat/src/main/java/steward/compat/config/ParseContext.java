package steward.compat.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What every section parser shares: the merged INI data, the main file and its directory
 * ({@code %(here)s}), the host name, the {@code ENV_*} names (supervisord's environment, then its
 * {@code [supervisord] environment=} keys), the user database and the warning list.
 */
record ParseContext(
        IniReader ini, Path mainFile, String here, String hostname, Map<String, Object> envNames,
        HomeDirs homes, Users users, Path cwd, List<String> warnings) {

    SectionValues values(String section) {
        return new SectionValues(ini, section, mainFile);
    }

    /** Supervisor's {@code normalize_path}: {@code ~} expanded, made absolute against the cwd, normalised. */
    Path normalize(String path) {
        return cwd.resolve(Path.of(homes.expandUser(path))).normalize();
    }

    /** Supervisor's {@code process_or_group_name}: stripped; no space, colon or slash. */
    static String validName(String name) {
        String s = Py.strip(name);
        for (char c : new char[] {' ', ':', '/'}) {
            if (s.indexOf(c) >= 0) {
                throw new IllegalArgumentException("Invalid name: " + Py.repr(name) + " because of character: "
                        + Py.repr(String.valueOf(c)));
            }
        }
        return s;
    }
}
