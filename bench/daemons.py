"""What the benchmarks share: a supervisord-compatible daemon started on a generated config and
driven through its unix socket (Supervisor's own client transport, or raw HTTP to leave out the
client's XML parsing), and what /proc says about a process."""
import os
import shlex
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import xmlrpc.client

from supervisor.xmlrpc import SupervisorTransport

HERE = os.path.dirname(os.path.abspath(__file__))
CLK_TCK = os.sysconf("SC_CLK_TCK")
LOG_LINE = "INFO 2026-11-23 request served in 12ms path=/api/v1/items status=200"

HEADER = """[unix_http_server]
file={d}/sock
[supervisord]
logfile={d}/daemon.log
pidfile={d}/daemon.pid
childlogdir={d}/logs
[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface
"""

GETALL_BODY = (b"<?xml version='1.0'?>\n<methodCall>\n<methodName>supervisor.getAllProcessInfo</methodName>\n"
               b"<params>\n</params>\n</methodCall>\n")
GETALL_REQUEST = (b"POST /RPC2 HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/xml\r\n"
                  b"Content-Length: %d\r\n\r\n" % len(GETALL_BODY)) + GETALL_BODY


def proc_status(pid, key):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        return None


def cpu_ticks(pid):
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def task_cpu_s(pid):
    """CPU time of every thread of pid so far (schedstat, ns): less sensitive to a loaded machine than wall time."""
    total = 0
    for tid in os.listdir("/proc/%d/task" % pid):
        try:
            with open("/proc/%d/task/%s/schedstat" % (pid, tid)) as f:
                total += int(f.read().split()[0])
        except OSError:
            pass
    return total / 1e9


def rollup_mb(pid):
    """Rss, Pss and private (Uss) memory of pid in MB, from /proc/PID/smaps_rollup."""
    d = {}
    with open("/proc/%d/smaps_rollup" % pid) as f:
        for line in f:
            p = line.split()
            if len(p) >= 3 and p[-1] == "kB":
                d[p[0].rstrip(":")] = int(p[1])
    return {"rss": round(d["Rss"] / 1024, 1), "pss": round(d["Pss"] / 1024, 1),
            "uss": round((d["Private_Clean"] + d["Private_Dirty"]) / 1024, 1)}


def pids_with(marker):
    out = subprocess.run(["pgrep", "-f", marker], capture_output=True, text=True).stdout.split()
    return [int(p) for p in out]


class RawClient:
    """Keep-alive HTTP on the unix socket, one request (getAllProcessInfo unless told) sent again and
    again; reads whole replies (Content-Length) without parsing them."""

    def __init__(self, path, request=GETALL_REQUEST):
        self.s = socket.socket(socket.AF_UNIX)
        self.s.connect(path)
        self.request = request
        self.buf = b""

    def get(self):
        self.s.sendall(self.request)
        while b"\r\n\r\n" not in self.buf:
            chunk = self.s.recv(65536)
            if not chunk:
                raise EOFError("connection closed by the daemon")
            self.buf += chunk
        head, self.buf = self.buf.split(b"\r\n\r\n", 1)
        length = next(int(l.split(b":")[1]) for l in head.split(b"\r\n") if l.lower().startswith(b"content-length"))
        while len(self.buf) < length:
            self.buf += self.s.recv(262144)
        body, self.buf = self.buf[:length], self.buf[length:]
        return body

    def close(self):
        self.s.close()


class Daemon:
    def __init__(self, command, programs):
        self.dir = tempfile.mkdtemp(prefix="stewbench")
        os.makedirs(self.dir + "/logs")
        self.conf = self.dir + "/daemon.conf"
        with open(self.conf, "w") as f:
            f.write(HEADER.format(d=self.dir) + programs.format(d=self.dir))
        argv = [a.replace("{conf}", self.conf) for a in shlex.split(command)]
        self.t0 = time.time()
        self.proc = subprocess.Popen(argv, stdout=open(self.dir + "/daemon.out", "w"), stderr=subprocess.STDOUT,
                                     start_new_session=True)
        self.socket_up = None
        self.cpu_to_socket = None
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                self.rpc().supervisor.getState()
                self.socket_up = time.time() - self.t0
                self.cpu_to_socket = task_cpu_s(self.proc.pid)
                break
            except Exception:
                time.sleep(0.002)

    def rpc(self):
        t = SupervisorTransport(None, None, "unix://%s/sock" % self.dir)
        return xmlrpc.client.ServerProxy("http://127.0.0.1", transport=t)

    @property
    def pid(self):
        return self.proc.pid

    def wait_running(self, n, timeout=60):
        proxy = self.rpc()
        deadline = time.time() + timeout
        while time.time() < deadline:
            infos = proxy.supervisor.getAllProcessInfo()
            if sum(1 for i in infos if i["statename"] == "RUNNING") >= n:
                return time.time() - self.t0
            time.sleep(0.01)
        return None

    def stop(self):
        """Seconds from SIGTERM to the daemon's exit. A blocking wait (Popen.wait with a timeout polls,
        at 50 ms steps after the first 0.1 s, which rounded every shutdown up to the next step); a
        timer ends the daemon's process group after 60 s."""
        t = time.time()
        self.proc.terminate()
        guard = threading.Timer(60, lambda: os.killpg(self.proc.pid, 9))
        guard.start()
        try:
            self.proc.wait()
        finally:
            guard.cancel()
        return time.time() - t

    def cleanup(self):
        shutil.rmtree(self.dir, ignore_errors=True)


def pctl(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]
