package steward.agent.engine;

import java.nio.ByteBuffer;
import java.util.function.IntConsumer;
import steward.agent.os.ChildProcess;
import steward.agent.os.EventLoop;
import steward.compat.events.EngineEvent;

/**
 * How a {@link ProcessRunner} gets a child: the real one starts an {@link ChildProcess} on the
 * engine's loop; the state table's tests give a fake that needs no process.
 */
interface Spawner {
    /**
     * Starts {@code launch} with {@code stdinFd} as its stdin ({@link ChildProcess#STDIN_PIPE} for a
     * pipe), its output going to {@code output}; {@code exited} gets the wait status once it was reaped.
     */
    Child spawn(ChildLaunch.Prepared launch, int stdinFd, boolean redirectStderr, OutputHandler output,
                IntConsumer exited) throws ChildProcess.StartFailed;

    /** A started child, as the runner sees it. */
    interface Child {
        int pid();

        /** Sends {@code signo} to the child or its process group; 0 or the errno. */
        int signal(int signo, boolean group);

        /** The child's stdin, or null when it is not a pipe. */
        ProcessStdin stdin();

        /** True while a process of the child's group is alive. */
        boolean groupAlive();

        /** Stops reading its output and closes its descriptors. */
        void close();
    }

    /** The real spawner: children of the daemon, on {@code loop}, reading into one shared buffer. */
    static Spawner on(EventLoop loop) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(128 * 1024);
        return (launch, stdinFd, redirectStderr, output, exited) -> {
            ChildProcess c = ChildProcess.start(loop, buffer, new ChildProcess.Spec(launch.filename(), launch.argv(),
                    launch.env(), launch.directory(), launch.umask(), stdinFd, redirectStderr, launch.passFds()),
                    new ChildProcess.Listener() {
                        @Override
                        public void output(int fd, ByteBuffer chunk) {
                            output.output(fd == 1 ? EngineEvent.Stream.STDOUT : EngineEvent.Stream.STDERR, chunk);
                        }

                        @Override
                        public void exited(int waitStatus) {
                            exited.accept(waitStatus);
                        }
                    });
            return new Child() {
                @Override
                public int pid() {
                    return c.pid();
                }

                @Override
                public int signal(int signo, boolean group) {
                    return c.signal(signo, group);
                }

                @Override
                public ProcessStdin stdin() {
                    return c.stdin() == null ? null : c.stdin()::write;
                }

                @Override
                public boolean groupAlive() {
                    return c.groupAlive();
                }

                @Override
                public void close() {
                    c.close();
                }
            };
        };
    }
}
