package steward.agent.daemon;

import steward.compat.config.SupervisordConf;

/** Entry for the CLI: background a run as supervisord does without -n. */
public final class Launch {
    private Launch() {
    }

    public static int background(SupervisordConf conf) throws Exception {
        if (conf.inetHttpServer().isPresent()) {
            try {
                steward.compat.http.ControlServer.checkPortFree(conf.inetHttpServer().get());
            } catch (steward.compat.http.PortInUseException e) {
                return Daemon.portInUse(e);
            }
        }
        return Daemonizer.relaunch(new PidFile(conf.daemon().pidfile()), conf.daemon().directory().orElse(null));
    }
}
