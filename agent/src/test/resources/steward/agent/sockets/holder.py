"""Test stand-in for the agent's socket holding: opens listening sockets and hands them to the
processes it spawns at fds 3.., with the notify pipe's write end after them, as the agent does.

Arguments: one per socket, "tcp" (127.0.0.1, a free port) or "unix:/abs/path". Prints
"sockets 3=tcp://127.0.0.1:PORT,..." then reads JSON commands, one a line, on stdin:
  {"op": "spawn", "name": N, "argv": [...], "env": {...}, "log": PATH} -> "pid N PID"
  {"op": "signal", "name": N, "sig": 15}
and reports "notify N LINE" for each line a child writes on its notify pipe, "exit N CODE"
(negative: killed by that signal) when it ends."""
import fcntl, json, os, socket, subprocess, sys, threading

lock = threading.Lock()
def say(line):
    with lock:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()

held, urls = [], []
for arg in sys.argv[1:]:
    if arg == "tcp":
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("127.0.0.1", 0))
        url = "tcp://127.0.0.1:%d" % s.getsockname()[1]
    else:
        path = arg[len("unix:"):]
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.bind(path)
        url = "unix://" + path
    s.listen(128)
    held.append(fcntl.fcntl(s.fileno(), fcntl.F_DUPFD_CLOEXEC, 20))  # above 3..: dup2 cannot clobber
    urls.append(url)
    s.detach()
n = len(held)
spec = ",".join("%d=%s" % (3 + i, u) for i, u in enumerate(urls))
say("sockets " + spec)
procs = {}

def pump(name, r):
    with os.fdopen(r, "rb") as f:
        for line in f:
            say("notify %s %s" % (name, line.decode().strip()))

def wait(name, p):
    say("exit %s %d" % (name, p.wait()))

def spawn(cmd):
    name = cmd["name"]
    r, w0 = os.pipe()
    w = fcntl.fcntl(w0, fcntl.F_DUPFD_CLOEXEC, 20)
    os.close(w0)
    def fds():
        for i, fd in enumerate(held + [w]):
            os.dup2(fd, 3 + i)
            os.set_inheritable(3 + i, True)
    env = dict(os.environ)
    env.update(cmd.get("env", {}))
    env.update({"STEWARD_SOCKETS": spec, "STEWARD_NOTIFY_FD": str(3 + n)})
    log = open(cmd["log"], "ab")
    p = subprocess.Popen(cmd["argv"], env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                         close_fds=False, preexec_fn=fds, cwd=cmd.get("cwd"))
    os.close(w)
    log.close()
    procs[name] = p
    say("pid %s %d" % (name, p.pid))
    threading.Thread(target=pump, args=(name, r), daemon=True).start()
    threading.Thread(target=wait, args=(name, p), daemon=True).start()

for line in iter(sys.stdin.readline, ""):
    cmd = json.loads(line)
    if cmd["op"] == "spawn":
        spawn(cmd)
    elif cmd["op"] == "signal":
        p = procs[cmd["name"]]
        if p.poll() is None:
            p.send_signal(cmd["sig"])
for p in procs.values():  # stdin closed: the test is over
    if p.poll() is None:
        p.kill()
