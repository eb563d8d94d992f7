package steward.agent.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import steward.agent.os.ChildProcess;
import steward.agent.os.ExitStatus;

/** Children that are only bookkeeping: the test says when one exits and what a signal returns. */
final class FakeSpawner implements Spawner {
    private int nextPid = 4000;
    /** What the next signal returns (0, or an errno). */
    int signalResult;
    /** Signals sent, as "pid:signo" or "-pid:signo" for a group. */
    final List<String> signals = new ArrayList<>();
    FakeChild current;

    final class FakeChild implements Child {
        final int pid = ++nextPid;
        private final IntConsumer exited;
        boolean closed;

        FakeChild(IntConsumer exited) {
            this.exited = exited;
        }

        @Override
        public int pid() {
            return pid;
        }

        @Override
        public int signal(int signo, boolean group) {
            signals.add((group ? "-" : "") + pid + ":" + signo);
            return signalResult;
        }

        @Override
        public ProcessStdin stdin() {
            return bytes -> true;
        }

        @Override
        public boolean groupAlive() {
            return false;
        }

        @Override
        public void close() {
            closed = true;
        }

        /** The child exits with {@code code}. */
        void exit(int code) {
            exited.accept(ExitStatus.exitedWith(code));
        }
    }

    @Override
    public Child spawn(ChildLaunch.Prepared launch, int stdinFd, boolean redirectStderr, OutputHandler output,
                       IntConsumer exited) throws ChildProcess.StartFailed {
        current = new FakeChild(exited);
        return current;
    }
}
