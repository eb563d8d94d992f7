package steward.builder.program;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgramFragmentTest {
    private static final Path HOME = Path.of("/tmp/x");

    @Test
    void homePrefixRewrittenOnlyAsAPathPrefix() {
        assertEquals("directory = /tmp/x/current\ncommand = /tmp/x/run --home=/tmp/x\nother = /home/dotcloudy\n",
                ProgramFragment.rewriteHome("directory = /home/dotcloud/current\ncommand = /home/dotcloud/run --home=/home/dotcloud\n"
                        + "other = /home/dotcloudy\n", HOME));
        assertEquals("a = /home/dotcloud/x", ProgramFragment.rewriteHome("a = /home/dotcloud/x", Path.of("/home/dotcloud")));
    }

    @Test
    void logKeysAddedWhenAbsentPerSection() {
        String in = """
                [program:node]
                command = node server.js

                [program:quiet]
                command = q
                stdout_logfile = /dev/null
                redirect_stderr = true

                [group:g]
                programs = node

                [program:many]
                command = m
                numprocs = 2
                process_name = %(program_name)s_%(process_num)02d
                """;
        String out = new ProgramFragment(in).render(HOME);
        assertEquals("""
                [program:node]
                command = node server.js
                stdout_logfile=%(ENV_STEWARD_LOG_DIR)s/node.log
                stderr_logfile=%(ENV_STEWARD_LOG_DIR)s/node_error.log

                [program:quiet]
                command = q
                stdout_logfile = /dev/null
                redirect_stderr = true

                [group:g]
                programs = node

                [program:many]
                command = m
                numprocs = 2
                process_name = %(program_name)s_%(process_num)02d
                stdout_logfile=%(ENV_STEWARD_LOG_DIR)s/%(program_name)s_%(process_num)02d.log
                stderr_logfile=%(ENV_STEWARD_LOG_DIR)s/%(program_name)s_%(process_num)02d_error.log
                """, out);
    }

    @Test
    void summariesJoinContinuationsAndStripInlineComments() {
        String in = "[program:a]\ncommand = node\n  server.js ; the app\ndirectory=/home/dotcloud/current\n[program:b]\ncommand=b\n";
        assertEquals(List.of(new ProgramFragment.Located(new ProgramSummary("a", "node server.js", "/tmp/x/current"), 1),
                new ProgramFragment.Located(new ProgramSummary("b", "b", null), 5)), new ProgramFragment(in).programs(HOME));
    }

    @Test
    void relativeEnvironmentFilesBecomeAbsoluteAgainstTheApproot() {
        String in = "[program:a]\ncommand = a\nenvironment_file = app.env, /etc/x.env, %(here)s/y.env\n"
                + "stdout_logfile = /dev/null\nstderr_logfile = /dev/null\n";
        assertEquals("[program:a]\ncommand = a\nenvironment_file=/srv/app/app.env, /etc/x.env, %(here)s/y.env\n"
                + "stdout_logfile = /dev/null\nstderr_logfile = /dev/null\n",
                new ProgramFragment(in).render(HOME, java.nio.file.Path.of("/srv/app"), List.of()));
    }

    @Test
    void listenerAndFcgiSectionsKeptWithTheirOwnDefaultLogs() {
        String in = """
                [eventlistener:watch]
                command = python3 /home/dotcloud/current/watch.py
                events = PROCESS_STATE_FATAL
                environment_file = watch.env

                [fcgi-program:php]
                command = php-cgi
                socket = unix:///home/dotcloud/run/php.sock
                process_name = %(program_name)s_%(process_num)s
                numprocs = 2
                redirect_stderr = true
                """;
        assertEquals("""
                [eventlistener:watch]
                command = python3 /tmp/x/current/watch.py
                events = PROCESS_STATE_FATAL
                environment_file=/srv/app/watch.env
                stdout_logfile=%(ENV_STEWARD_LOG_DIR)s/watch.log
                stderr_logfile=%(ENV_STEWARD_LOG_DIR)s/watch_error.log

                [fcgi-program:php]
                command = php-cgi
                socket = unix:///tmp/x/run/php.sock
                process_name = %(program_name)s_%(process_num)s
                numprocs = 2
                redirect_stderr = true
                stdout_logfile=%(ENV_STEWARD_LOG_DIR)s/%(program_name)s_%(process_num)s.log
                """, new ProgramFragment(in).render(HOME, Path.of("/srv/app"), List.of("www=tcp://0.0.0.0:8080")),
                "held sockets go to [program:x] sections only");
        assertEquals(List.of(
                new ProgramFragment.Located(new ProgramSummary("watch", "python3 /tmp/x/current/watch.py", null, "eventlistener"), 1),
                new ProgramFragment.Located(new ProgramSummary("php", "php-cgi", null, "fcgi-program"), 6)),
                new ProgramFragment(in).programs(HOME));
    }
}
