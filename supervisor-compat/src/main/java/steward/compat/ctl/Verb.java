package steward.compat.ctl;

import java.io.IOException;
import java.util.List;

/** One supervisorctl command. */
interface Verb {
    void run(Session s, List<String> args) throws IOException, ServerFault;
}
