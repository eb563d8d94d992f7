package steward.agent.supervision;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import steward.agent.engine.Engine;
import steward.agent.logs.DaemonLog;
import steward.agent.logs.RotatingLogFile;
import steward.agent.os.LibC;
import steward.agent.wiring.EngineWiring;
import steward.compat.api.ProcessInfo;
import steward.compat.api.ProcessRef;
import steward.compat.api.ProcessState;
import steward.compat.config.ConfParser;
import steward.compat.config.SupervisordConf;

/**
 * ready=notify with real children (issue 24 item 8): a user= program reaches its NOTIFY_SOCKET,
 * programs whose names hash alike ("Aa", "BB") get sockets of their own, and a STATUS= flood is not
 * a main-log flood.
 */
class NotifySocketsTest {
    private static final String CHILD = String.join("\n",
            "import os, signal, socket, sys",
            "s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)",
            "p = os.environ['NOTIFY_SOCKET']",
            "for i in range(int(sys.argv[2])): s.sendto(b'STATUS=tick %d' % i, p)",
            "s.sendto(b'READY=1\\nSTATUS=I am ' + sys.argv[1].encode(), p)",
            "signal.pause()",
            "");

    private Path dir;
    private DaemonLog log;
    private Engine engine;

    @BeforeEach
    void dir() throws Exception {
        dir = Files.createTempDirectory("notify-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(dir.resolve("notify.py"), CHILD);
    }

    @AfterEach
    void stop() throws Exception {
        if (engine != null) {
            engine.shutdown();
            engine.terminated().get(30, TimeUnit.SECONDS);
            log.close();
        }
        steward.agent.sockets.TestDirs.deleteTree(dir);
    }

    private ProcessInfo info(String name) {
        return engine.view().processInfo(new ProcessRef(name, name)).orElseThrow();
    }

    @Test
    void eachProcessHasAReachableSocketOfItsOwnAndAStatusFloodIsNotLogged() throws Exception {
        String user = LibC.geteuid() == 0 ? "user=nobody\n" : "";
        String program = "command=/usr/bin/python3 " + dir.resolve("notify.py") + " %s %d\nready=notify\nstartsecs=0\n"
                + "ready_timeout=20\n" + user;
        Path conf = Files.writeString(dir.resolve("supervisord.conf"), "[supervisord]\nlogfile="
                + dir.resolve("supervisord.log") + "\n[program:Aa]\n" + String.format(program, "Aa", 0)
                + "[program:BB]\n" + String.format(program, "BB", 3000));
        SupervisordConf c = ConfParser.parse(conf, System.getenv(), "box");
        log = new DaemonLog(new RotatingLogFile(dir.resolve("supervisord.log"), 0, 0), null, c.daemon().loglevel());
        engine = EngineWiring.build(c, () -> c, log, null, List.of()).engine();
        engine.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> info("Aa").state() == ProcessState.RUNNING
                && info("BB").state() == ProcessState.RUNNING && info("BB").statusText().equals("I am BB"));
        assertEquals("I am Aa", info("Aa").statusText());
        String text = Files.readString(dir.resolve("supervisord.log"));
        long logged = text.lines().filter(l -> l.contains("status: BB: ")).count();
        assertTrue(logged <= 15, logged + " STATUS lines logged for one burst of 3001:\n" + text);
    }
}
