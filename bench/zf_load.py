"""Load for the zero-failed-request rows: a paced client (a new connection per request, every
request timestamped) and wrk at the highest rate this machine sustains (keep-alive connections)."""
import concurrent.futures
import re
import signal
import socket
import subprocess
import threading
import time

import typerows

TIMEOUT_S = 10  # a connection waiting in a held socket's backlog is answered late, not refused


def one_get(port, host="127.0.0.1", timeout=TIMEOUT_S, path="/"):
    """GET path on a new connection: the status code (int) or the error's name."""
    try:
        with socket.create_connection((host, port), timeout=timeout) as c:
            c.sendall(b"GET %s HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n" % path.encode())
            head = b""
            while b"\r\n" not in head:
                chunk = c.recv(4096)
                if not chunk:
                    return "EmptyReply" if not head else "TruncatedReply"
                head += chunk
            while c.recv(65536):  # read to the end: a reset after the status line is a failure too
                pass
            return int(head.split(b" ", 2)[1])
    except (OSError, ValueError, IndexError) as e:
        return type(e).__name__


def await_200(port, deadline_s=60, host="127.0.0.1"):
    """Waits until GET / answers 200; True when it did before the deadline."""
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        if one_get(port, host, timeout=2) == 200:
            return True
        time.sleep(0.05)
    return False


class Paced(typerows.ConstantRate):
    """typerows' constant rate (GET / on a new connection, from a pool of threads, so a slow answer
    never delays the next request), keeping (start, seconds, outcome) per request."""

    def __init__(self, port, rate=100, host="127.0.0.1"):
        super().__init__(port, rate)
        self.host, self.records = host, []
        self._pool = concurrent.futures.ThreadPoolExecutor(128)  # 10 s timeouts at 100 req/s

    def _one(self):
        t = time.time()
        s = one_get(self.port, self.host)
        with self._lock:
            self.records.append((t, time.time() - t, s))

    def summary(self, since=None, until=None):
        rec = [r for r in self.records if (since is None or r[0] >= since) and (until is None or r[0] < until)]
        kinds = {}
        for _, _, s in rec:
            if s != 200:
                kinds[str(s)] = kinds.get(str(s), 0) + 1
        return {"requests": len(rec), "failed": sum(kinds.values()), "kinds": kinds,
                "slowest_ms": round(max((d for _, d, _ in rec), default=0) * 1000)}


WRK_LINE = {"requests": re.compile(r"(\d+) requests in ([\d.]+)(\w+)"),
            "socket": re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)"),
            "non2xx": re.compile(r"Non-2xx or 3xx responses: (\d+)"),
            "rps": re.compile(r"Requests/sec:\s+([\d.]+)")}


def parse_wrk(text):
    out = {"requests": 0, "connect": 0, "read": 0, "write": 0, "timeout": 0, "non2xx": 0, "rps": 0.0}
    m = WRK_LINE["requests"].search(text)
    if m:
        out["requests"] = int(m.group(1))
    m = WRK_LINE["socket"].search(text)
    if m:
        out.update(connect=int(m.group(1)), read=int(m.group(2)), write=int(m.group(3)), timeout=int(m.group(4)))
    m = WRK_LINE["non2xx"].search(text)
    if m:
        out["non2xx"] = int(m.group(1))
    m = WRK_LINE["rps"].search(text)
    if m:
        out["rps"] = float(m.group(1))
    out["failed"] = out["connect"] + out["read"] + out["write"] + out["timeout"] + out["non2xx"]
    return out


class Wrk:
    """Debian's wrk (closed loop, keep-alive) for as long as the block runs: started with a long
    duration, ended by SIGINT, after which wrk prints its totals."""

    def __init__(self, port, threads, connections, host="127.0.0.1", seconds=900):
        self.cmd = ["wrk", "-t%d" % threads, "-c%d" % connections, "-d%ds" % seconds, "--timeout", "%ds" % TIMEOUT_S,
                    "http://%s:%d/" % (host, port)]
        self.result = None

    def __enter__(self):
        self.proc = subprocess.Popen(self.cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        return self

    def __exit__(self, *exc):
        self.proc.send_signal(signal.SIGINT)
        try:
            out = self.proc.communicate(timeout=20)[0]
        except subprocess.TimeoutExpired:
            self.proc.kill()
            out = self.proc.communicate()[0]
        self.result = parse_wrk(out)
        self.result["raw_tail"] = out.strip().splitlines()[-4:]

    def summary(self):
        return self.result


def wrk_for(port, threads, connections, seconds):
    with Wrk(port, threads, connections) as w:
        time.sleep(seconds)
    return w.result


def calibrate(port, seconds=2):
    """The wrk shape with the highest rate against a steady app: (threads, connections, req/s per shape).
    wrk gets one thread: on 2 cores the other is the app's and the redeploy's build (with two, wrk
    gains ~25 % and every redeploy under it takes 2-3 times as long)."""
    shapes = [(1, 8), (1, 32)]
    tried = {}
    for t, c in shapes:
        r = wrk_for(port, t, c, seconds)
        tried["-t%d -c%d" % (t, c)] = r["rps"]
    best = max(tried, key=tried.get)
    t, c = (int(x[2:]) for x in best.split())
    return t, c, tried
