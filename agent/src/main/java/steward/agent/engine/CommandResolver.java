package steward.agent.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Set;
import steward.compat.api.Fault;
import steward.compat.config.CommandLine;

/**
 * Turns a program's command into the file to execute and its argv, as Supervisor's
 * get_execv_args does: shlex split, PATH search (the program's PATH, else the daemon's), and the
 * same checks with the same messages before anything is spawned.
 */
final class CommandResolver {
    private static final List<String> DEFAULT_PATH = List.of("/bin", "/usr/bin", "/usr/local/bin");

    /** A command that cannot run; {@code fault} is what startProcess answers (NO_FILE or NOT_EXECUTABLE). */
    static final class BadCommand extends Exception {
        private final Fault fault;

        BadCommand(Fault fault, String message) {
            super(message, null, false, false);
            this.fault = fault;
        }

        Fault fault() {
            return fault;
        }
    }

    record Resolved(String filename, List<String> argv) {
    }

    private CommandResolver() {
    }

    static Resolved resolve(String command, Map<String, String> programEnv, Map<String, String> daemonEnv)
            throws BadCommand {
        List<String> argv;
        try {
            argv = CommandLine.split(command);
        } catch (IllegalArgumentException e) {
            throw new BadCommand(Fault.NOT_EXECUTABLE, e.getMessage());
        }
        if (argv.isEmpty()) {
            throw new BadCommand(Fault.NOT_EXECUTABLE, "command is empty");
        }
        String program = argv.get(0);
        String filename = program;
        boolean exists;
        if (program.contains("/")) {
            exists = Files.exists(Path.of(program));
        } else {
            exists = false;
            for (String dir : searchPath(programEnv, daemonEnv)) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir).resolve(program);
                if (Files.exists(candidate)) {
                    filename = joinLikePython(dir, program);
                    exists = true;
                    break;
                }
            }
        }
        check(filename, exists);
        return new Resolved(filename, argv);
    }

    private static String joinLikePython(String dir, String program) {
        return dir.endsWith("/") || dir.isEmpty() ? dir + program : dir + "/" + program;
    }

    private static List<String> searchPath(Map<String, String> programEnv, Map<String, String> daemonEnv) {
        String path = programEnv.get("PATH");
        if (path == null) {
            path = daemonEnv.get("PATH");
            if (path == null || path.isEmpty()) {
                return DEFAULT_PATH;
            }
        }
        return List.of(path.split(":", -1));
    }

    private static void check(String filename, boolean exists) throws BadCommand {
        Path p = Path.of(filename);
        if (!exists) {
            throw new BadCommand(Fault.NO_FILE, "can't find command " + PyRepr.of(filename));
        }
        if (Files.isDirectory(p)) {
            throw new BadCommand(Fault.NOT_EXECUTABLE, "command at " + PyRepr.of(filename) + " is a directory");
        }
        Set<PosixFilePermission> perms;
        try {
            perms = Files.getPosixFilePermissions(p);
        } catch (java.io.IOException e) {
            throw new BadCommand(Fault.NOT_EXECUTABLE, "no permission to run command " + PyRepr.of(filename));
        }
        if (!perms.contains(PosixFilePermission.OWNER_EXECUTE) && !perms.contains(PosixFilePermission.GROUP_EXECUTE)
                && !perms.contains(PosixFilePermission.OTHERS_EXECUTE)) {
            throw new BadCommand(Fault.NOT_EXECUTABLE, "command at " + PyRepr.of(filename) + " is not executable");
        }
        if (!Files.isExecutable(p)) {
            throw new BadCommand(Fault.NOT_EXECUTABLE, "no permission to run command " + PyRepr.of(filename));
        }
    }

}
