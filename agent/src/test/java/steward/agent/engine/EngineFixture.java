package steward.agent.engine;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import steward.agent.logs.DaemonLog;
import steward.agent.logs.RotatingLogFile;
import steward.compat.config.SupervisordConf;

/** Starts an engine on a configuration for a test and shuts it down after. */
final class EngineFixture implements AutoCloseable {
    final Engine engine;
    final RecordingListener events = new RecordingListener();
    final DaemonLog log;

    EngineFixture(Path dir, SupervisordConf conf) throws Exception {
        this(dir, conf, ProcessHooks.NONE);
    }

    EngineFixture(Path dir, SupervisordConf conf, ProcessHooks hooks) throws Exception {
        log = new DaemonLog(new RotatingLogFile(dir.resolve("supervisord.log"), 0, 0), null,
                conf.daemon().loglevel());
        engine = new Engine(conf, () -> conf, log, new Engine.Options(null, true, hooks, steward.agent.os.Clock.SYSTEM));
        engine.subscribe(events, steward.compat.events.EventSource.Delivery.onLoop("test recorder"));
        engine.start();
    }

    @Override
    public void close() throws Exception {
        engine.shutdown();
        engine.terminated().get(30, TimeUnit.SECONDS);
        log.close();
    }

    String logText() throws Exception {
        return java.nio.file.Files.readString(log.path().orElseThrow());
    }
}
