package steward.compat.ctl;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * {@code fg <process>}: the process's stdout and stderr as they come, and every line typed sent to
 * its stdin, until Ctrl-C, end of input, or the process stops (supervisorctl's fgthread and loop).
 */
final class Foreground {
    private static final int RUNNING = 20;

    private final Shell shell;
    private final PrintStream out;

    Foreground(Shell shell, PrintStream out) {
        this.shell = shell;
        this.out = out;
    }

    void run(List<String> names, LineSource lines) {
        try (CtlClient client = shell.client()) {
            Session s = new Session(client, out);
            if (!s.upcheck()) {
                shell.exit = s.exit;
                return;
            }
            if (names.isEmpty()) {
                out.print("ERROR: no process name supplied\n" + Help.text("fg").orElseThrow());
                shell.exit = Session.GENERIC;
                return;
            }
            if (names.size() > 1) {
                out.print("ERROR: too many process names supplied\n");
                shell.exit = Session.GENERIC;
                return;
            }
            String name = names.get(0);
            Map<?, ?> info;
            try {
                info = (Map<?, ?>) client.call("supervisor.getProcessInfo", name);
            } catch (ServerFault f) {
                out.print(f.code() == Session.BAD_NAME ? "ERROR: bad process name supplied\n" : "ERROR: " + f.pythonRepr() + "\n");
                shell.exit = f.code() == Session.BAD_NAME ? Session.GENERIC : shell.exit;
                return;
            }
            if (((Number) info.get("state")).intValue() != RUNNING) {
                out.print("ERROR: process not running\n");
                shell.exit = Session.GENERIC;
                return;
            }
            out.print("==> Press Ctrl-C to exit <==\n");
            out.flush();
            follow(client, name, lines);
        } catch (IOException | ServerFault e) {
            out.print("error: " + e.getMessage() + "\n");
            shell.exit = Session.GENERIC;
        }
    }

    private void follow(CtlClient client, String name, LineSource lines) throws IOException, ServerFault {
        CtlClient stdout = shell.client();
        CtlClient stderr = shell.client();
        Thread a = stream(stdout, "/logtail/" + name + "/stdout");
        Thread b = stream(stderr, "/logtail/" + name + "/stderr");
        try {
            while (true) {
                String line = lines == null ? null : lines.read("");
                if (line == null) {
                    out.print("Exiting foreground\n");
                    return;
                }
                try {
                    client.call("supervisor.sendProcessStdin", name, line + "\n");
                } catch (ServerFault f) {
                    out.print(f.code() == Session.NOT_RUNNING_FAULT ? "Process got killed\n" : "ERROR: " + f.pythonRepr() + "\n");
                    out.print("Exiting foreground\n");
                    return;
                }
                Map<?, ?> info = (Map<?, ?>) client.call("supervisor.getProcessInfo", name);
                if (((Number) info.get("state")).intValue() != RUNNING) {
                    out.print("Process got killed\nExiting foreground\n");
                    return;
                }
            }
        } catch (LineSource.Interrupted e) {
            out.print("Exiting foreground\n");
        } finally {
            stdout.close();
            stderr.close();
            a.interrupt();
            b.interrupt();
        }
    }

    private Thread stream(CtlClient client, String path) {
        PrintStream shared = out;
        Thread t = new Thread(() -> {
            try {
                client.stream(path, new java.io.OutputStream() {
                    @Override
                    public void write(int b) {
                        write(new byte[] {(byte) b}, 0, 1);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) {
                        synchronized (shared) {
                            shared.write(b, off, len);
                            shared.flush();
                        }
                    }
                });
            } catch (IOException | RuntimeException e) {
                // closed when fg ends
            }
        }, "ctl-fg");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
