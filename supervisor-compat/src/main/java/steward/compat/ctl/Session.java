package steward.compat.ctl;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.nio.file.NoSuchFileException;
import java.util.Map;

/** One ctl invocation: the client, where output goes, and the exit status being built. */
final class Session {
    // LSB init exit statuses, as supervisorctl uses them
    static final int SUCCESS = 0;
    static final int GENERIC = 1;
    static final int INVALID_ARGS = 2;
    static final int UNIMPLEMENTED_FEATURE = 3;
    static final int INSUFFICIENT_PRIVILEGES = 4;
    static final int NOT_INSTALLED = 5;
    static final int NOT_RUNNING = 7;
    // LSB status exit statuses
    static final int STATUS_NOT_RUNNING = 3;
    static final int STATUS_UNKNOWN = 4;

    static final int UNKNOWN_METHOD = 1;
    static final int SHUTDOWN_STATE = 6;
    static final int BAD_NAME = 10;
    static final int BAD_SIGNAL = 11;
    static final int NO_FILE = 20;
    static final int NOT_EXECUTABLE = 21;
    static final int FAILED = 30;
    static final int ABNORMAL_TERMINATION = 40;
    static final int SPAWN_ERROR = 50;
    static final int ALREADY_STARTED = 60;
    static final int NOT_RUNNING_FAULT = 70;
    static final int SUCCESS_CODE = 80;
    static final int ALREADY_ADDED = 90;
    static final int STILL_RUNNING = 91;
    static final int CANT_REREAD = 92;

    final CtlClient client;
    final PrintStream out;
    int exit = SUCCESS;

    Session(CtlClient client, PrintStream out) {
        this.client = client;
        this.out = out;
    }

    void output(String line) {
        out.print(line + "\n");
    }

    Object call(String method, Object... params) throws IOException, ServerFault {
        return client.call(method, params);
    }

    /** supervisorctl's upcheck: getVersion must answer "3.0". */
    boolean upcheck() throws IOException, ServerFault {
        try {
            Object api = call("supervisor.getVersion");
            if (!"3.0".equals(api)) {
                output("Sorry, this version of supervisorctl expects to talk to a server with API version 3.0, "
                        + "but the remote version is " + api + ".");
                exit = NOT_INSTALLED;
                return false;
            }
            return true;
        } catch (ServerFault f) {
            if (f.code() == UNKNOWN_METHOD) {
                output("Sorry, supervisord responded but did not recognize the supervisor namespace commands that "
                        + "supervisorctl uses to control it.  Please check that the [rpcinterface:supervisor] section "
                        + "is enabled in the configuration file (see sample.conf).");
                exit = UNIMPLEMENTED_FEATURE;
                return false;
            }
            exit = GENERIC;
            throw f;
        } catch (ConnectException e) {
            output(client.serverurl() + " refused connection");
            exit = INSUFFICIENT_PRIVILEGES;
            return false;
        } catch (NoSuchFileException e) {
            output(client.serverurl() + " no such file");
            exit = NOT_RUNNING;
            return false;
        }
    }

    /** supervisorctl's set_exitstatus_from_xmlrpc_fault. */
    void exitFromFault(int code, int ignored) {
        if (code == ignored || code == SUCCESS_CODE) {
            return;
        }
        exit = code == SPAWN_ERROR || code == ABNORMAL_TERMINATION || code == NOT_RUNNING_FAULT ? NOT_RUNNING : GENERIC;
    }

    static String namespec(String group, String name) {
        return group.equals(name) ? name : group + ":" + name;
    }

    static String namespec(Map<?, ?> result) {
        return namespec((String) result.get("group"), (String) result.get("name"));
    }

    /** split_namespec: [group, process or null]. */
    static String[] split(String spec) {
        int colon = spec.indexOf(':');
        if (colon < 0) {
            return new String[] {spec, spec};
        }
        String process = spec.substring(colon + 1);
        return new String[] {spec.substring(0, colon), process.isEmpty() || process.equals("*") ? null : process};
    }

    /** A result struct built from a fault, as supervisorctl does for single-process calls. */
    static Map<String, Object> faultResult(ServerFault f, String group, String process) {
        return Map.of("status", f.code(), "name", process == null ? group : process, "group", group,
                "description", f.text());
    }

    static int code(Map<?, ?> result) {
        return ((Number) result.get("status")).intValue();
    }
}
