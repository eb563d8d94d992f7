package steward.agent.cli;

import steward.compat.cli.CommandDoc;

/**
 * A command whose options are parsed getopt-style (by {@code Main} straight, without picocli):
 * {@link Cli} shows picocli its {@link CommandDoc}, so {@code steward --help}, {@code steward help},
 * the man pages and the shell completion list the options its parser reads.
 */
interface GetoptCommand {
    CommandDoc doc();
}
