package steward.compat.ctl;

import java.util.List;
import java.util.Optional;
import steward.compat.cli.CommandDoc;
import steward.compat.cli.Opt;

/** supervisorctl's options as {@code steward ctl} takes them: what its parser reads and every help shows. */
public final class CtlDoc {
    public static final CommandDoc DOC = new CommandDoc("ctl",
            "control applications run by supervisord (steward supervisord or steward run) from the cmd line.",
            "[options] [action [arguments]]", List.of(
            Opt.value('c', "configuration", "FILENAME", "configuration file path (searches if not given:\n"
                    + String.join(", ", CtlConf.SEARCH) + ")"),
            Opt.flag('h', "help", "print usage message and exit"),
            Opt.flag('i', "interactive", "accepted: the shell starts when no action is given"),
            Opt.value('s', "serverurl", "URL", "URL on which supervisord server is listening\n"
                    + "(default \"http://localhost:9001\", or the configuration file's [supervisorctl] serverurl)."),
            Opt.value('u', "username", "USERNAME", "username to use for authentication with server"),
            Opt.value('p', "password", "PASSWORD", "password to use for authentication with server"),
            Opt.value('r', "history_file", "FILENAME", "keep the shell's line history in FILENAME")),
            Optional.of(new CommandDoc.Operand("action [arguments]", "see below", Shell.VOCAB)),
            List.of("Actions are commands like \"tail\" or \"stop\".  If no action is specified on the command line,",
                    "a \"shell\" interpreting actions typed interactively is started.  Use the action \"help\" to",
                    "find out about available actions. The exit status is supervisorctl 4.2's: 0 when the actions",
                    "succeeded, else an LSB code (1 an action failed, 2 bad arguments, 3 from status when a process",
                    "is not running)."));

    private CtlDoc() {
    }
}
