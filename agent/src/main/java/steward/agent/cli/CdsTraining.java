package steward.agent.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A short in-process run of one daemon's usual path, entered as {@code steward supervisord -n -c}
 * or {@code steward run} is (options, parse, engine, control socket serving the calls supervisorctl
 * makes, shutdown; the container agent on an empty home, waiting for a deploy), made by the
 * launcher while it records that command's class-data sharing archive (JDK 17-24) or AOT cache
 * (JDK 25+), so that each holds exactly what its daemon loads, lambdas included (a lambda not in
 * the archive is spun at start with the JDK's bytecode writer): no client or picocli code, and
 * nothing of the other daemon (the read-only part of an archive is all mapped into memory). The
 * {@code cli} run is the client's side instead ({@link CliTraining}).
 */
public final class CdsTraining {
    private static final List<String> CALLS = List.of(
            "supervisor.getVersion", "supervisor.getAllProcessInfo", "supervisor.getState",
            "supervisor.getAllConfigInfo", "supervisor.getPID", "system.listMethods");

    private CdsTraining() {
    }

    /**
     * {@code supervisord}: the drop-in daemon's path; {@code run}: the container agent's; {@code cli}:
     * ctl's and the other short commands' ({@link CliTraining}).
     */
    public static int run(String command) throws Exception {
        Path dir = Files.createTempDirectory("steward-cds");
        try {
            Path conf = dir.resolve("supervisord.conf");
            Path sock = dir.resolve("s.sock");
            Files.writeString(conf, "[unix_http_server]\nfile=" + sock + "\n"
                    + "[supervisord]\nnodaemon=true\nsilent=true\nlogfile=" + dir.resolve("d.log")
                    + "\npidfile=" + dir.resolve("d.pid") + "\nchildlogdir=" + dir + "\n"
                    + "[rpcinterface:supervisor]\nsupervisor.rpcinterface_factory=supervisor.rpcinterface:make_main_rpcinterface\n"
                    + "[supervisorctl]\nserverurl=unix://" + sock + "\n"
                    + "[program:a]\ncommand=/bin/sh -c 'echo ready; exec sleep 60'\nstartsecs=0\n"
                    + "[program:b]\ncommand=sleep 60\nstartsecs=0\nnumprocs=2\nprocess_name=%(program_name)s_%(process_num)d\n");
            PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
            if (command.equals("cli")) {
                CliTraining.run(conf, sock, quiet);
            } else if (command.equals("run")) {
                Path home = Files.createDirectories(dir.resolve("home"));
                exercise(() -> RunMain.run(List.of("--home", home.toString(), "--socket", sock.toString(),
                        "--log-dir", dir.resolve("log").toString(), "--health-port", "0", "--quiet"), quiet, quiet),
                        sock, false);
            } else {
                exercise(() -> SupervisordMain.run(List.of("-n", "-c", conf.toString()), quiet, quiet), sock, true);
            }
            return 0;
        } finally {
            deleteTree(dir);
        }
    }

    private interface Daemon {
        int run() throws Exception;
    }

    /**
     * Runs a daemon on its own thread until its socket answers, makes supervisorctl's calls (and,
     * with programs, a stop, a start and a log read), then shuts it down through the socket.
     */
    private static void exercise(Daemon daemon, Path sock, boolean programs) throws Exception {
        Thread runner = new Thread(() -> {
            try {
                daemon.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        runner.start();
        for (int i = 0; i < 1000 && !answers(sock); i++) {
            Thread.sleep(10);
        }
        for (int round = 0; round < 3; round++) {
            for (String method : CALLS) {
                call(sock, method, "");
            }
        }
        if (programs) {
            call(sock, "supervisor.stopProcess", "<param><value><string>a</string></value></param>");
            call(sock, "supervisor.startProcess", "<param><value><string>a</string></value></param>");
            call(sock, "supervisor.readProcessStdoutLog",
                    "<param><value><string>a</string></value></param><param><value><int>-100</int></value></param>"
                            + "<param><value><int>0</int></value></param>");
        }
        call(sock, "supervisor.shutdown", "");
        runner.join(30_000);
    }

    static boolean answers(Path sock) {
        try {
            SocketChannel.open(UnixDomainSocketAddress.of(sock)).close();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** One XML-RPC request on its own connection; the reply is read and dropped. */
    private static void call(Path sock, String method, String params) throws IOException {
        String body = "<?xml version='1.0'?>\n<methodCall>\n<methodName>" + method + "</methodName>\n<params>\n"
                + params + "</params>\n</methodCall>\n";
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST /RPC2 HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/xml\r\nConnection: close\r\n"
                + "Content-Length: " + b.length + "\r\n\r\n";
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(sock))) {
            ch.write(ByteBuffer.wrap(head.getBytes(StandardCharsets.US_ASCII)));
            ch.write(ByteBuffer.wrap(b));
            ByteBuffer in = ByteBuffer.allocate(64 * 1024);
            while (ch.read(in) >= 0) {
                in.clear();
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
