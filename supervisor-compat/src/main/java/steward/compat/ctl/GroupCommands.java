package steward.compat.ctl;

import java.io.IOException;
import java.util.List;

/** {@code add group…} and {@code remove group…}. No upcheck. */
final class GroupCommands {
    private GroupCommands() {
    }

    static final Verb ADD = (s, names) -> {
        for (String name : names) {
            try {
                s.call("supervisor.addProcessGroup", name);
                s.output(name + ": added process group");
            } catch (ServerFault f) {
                if (f.code() == Session.SHUTDOWN_STATE) {
                    s.output("ERROR: shutting down");
                    s.exit = Session.GENERIC;
                } else if (f.code() == Session.ALREADY_ADDED) {
                    s.output("ERROR: process group already active");
                } else if (f.code() == Session.BAD_NAME) {
                    s.output("ERROR: no such process/group: " + name);
                    s.exit = Session.GENERIC;
                } else {
                    s.exit = Session.GENERIC;
                    throw f;
                }
            }
        }
    };

    static final Verb REMOVE = GroupCommands::remove;

    private static void remove(Session s, List<String> names) throws IOException, ServerFault {
        for (String name : names) {
            try {
                s.call("supervisor.removeProcessGroup", name);
                s.output(name + ": removed process group");
            } catch (ServerFault f) {
                s.exit = Session.GENERIC;
                if (f.code() == Session.STILL_RUNNING) {
                    s.output("ERROR: process/group still running: " + name);
                } else if (f.code() == Session.BAD_NAME) {
                    s.output("ERROR: no such process/group: " + name);
                } else {
                    throw f;
                }
            }
        }
    }
}
