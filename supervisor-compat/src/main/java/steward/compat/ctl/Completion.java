package steward.compat.ctl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * supervisorctl's tab completion: command names for the first word (and after {@code help}), group
 * names after add/remove/update, process names ({@code name}, {@code group:name}, {@code group:*})
 * after the commands that take them. Every match ends with a space, as readline shows them.
 */
final class Completion {
    private static final Set<String> GROUP_COMMANDS = Set.of("add", "remove", "update");
    private static final Set<String> PROCESS_COMMANDS = Set.of("clear", "fg", "pid", "restart", "signal", "start",
            "status", "stop", "tail");

    private final Shell shell;
    private List<Map<?, ?>> infos;

    Completion(Shell shell) {
        this.shell = shell;
    }

    /** Forgets the process list (asked again at the next completion, once per line). */
    void reset() {
        infos = null;
    }

    /**
     * @param line the whole line before the cursor
     * @param text the word being completed (after the last space)
     */
    List<String> matches(String line, String text) {
        List<String> words = Shell.split(line);
        if (words.isEmpty() || words.size() == 1 && !line.endsWith(" ")) {
            return actions(text);
        }
        String action = words.get(0);
        if (action.equals("help")) {
            return actions(text);
        }
        if (GROUP_COMMANDS.contains(action)) {
            List<String> groups = new ArrayList<>();
            for (Map<?, ?> i : infos()) {
                String g = String.valueOf(i.get("group"));
                if (!groups.contains(g)) {
                    groups.add(g);
                }
            }
            return starting(groups, text);
        }
        if (PROCESS_COMMANDS.contains(action)) {
            List<String> names = new ArrayList<>();
            for (Map<?, ?> i : infos()) {
                String g = String.valueOf(i.get("group"));
                String n = String.valueOf(i.get("name"));
                if (text.contains(":") || !n.equals(g)) {
                    names.add(g + ":" + n);
                    if (!names.contains(g + ":*")) {
                        names.add(g + ":*");
                    }
                } else {
                    names.add(n);
                }
            }
            return starting(names, text);
        }
        return List.of();
    }

    private static List<String> actions(String text) {
        return starting(Shell.VOCAB, text);
    }

    private static List<String> starting(List<String> words, String text) {
        List<String> out = new ArrayList<>();
        for (String w : words) {
            if (w.startsWith(text)) {
                out.add(w + " ");
            }
        }
        return out;
    }

    private List<Map<?, ?>> infos() {
        if (infos == null) {
            infos = new ArrayList<>();
            try (CtlClient client = shell.client()) {
                for (Object o : (Object[]) toArray(client.call("supervisor.getAllProcessInfo"))) {
                    infos.add((Map<?, ?>) o);
                }
            } catch (Exception e) {
                // no completion of names when the server does not answer
            }
        }
        return infos;
    }

    private static Object toArray(Object value) {
        return value instanceof List<?> l ? l.toArray() : value instanceof Object[] a ? a : new Object[0];
    }
}
