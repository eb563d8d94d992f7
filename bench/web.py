"""The web page row: Supervisor's status page and Steward's live refresh, served on the unix socket."""
import os
import socket
import statistics
import time

from daemons import Daemon, pids_with


def http_get_unix(path, target, n):
    """GET target n times on one keep-alive unix-socket connection; (latencies ms, last body)."""
    s = socket.socket(socket.AF_UNIX)
    s.connect(path)
    req = b"GET %s HTTP/1.1\r\nHost: localhost\r\n\r\n" % target.encode()
    buf, lat, body = b"", [], b""
    for _ in range(n):
        t = time.perf_counter()
        s.sendall(req)
        while b"\r\n\r\n" not in buf:
            buf += s.recv(65536)
        head, buf = buf.split(b"\r\n\r\n", 1)
        length = next(int(l.split(b":")[1]) for l in head.split(b"\r\n") if l.lower().startswith(b"content-length"))
        while len(buf) < length:
            buf += s.recv(262144)
        body, buf = buf[:length], buf[length:]
        lat.append((time.perf_counter() - t) * 1000)
    s.close()
    return lat, body


def bench_web(command, n=200):
    """The status page (/index.html) with n programs, served on the unix socket: p50 of 50 GETs after 10."""
    marker = "86401.%d%d" % (os.getpid(), n)
    programs = "".join("[program:w%03d]\ncommand=sleep %s\nstartsecs=0\n" % (i, marker) for i in range(n))
    d = Daemon(command, programs)
    try:
        d.wait_running(n)
        http_get_unix(d.dir + "/sock", "/index.html", 10)
        lat, body = http_get_unix(d.dir + "/sock", "/index.html", 50)
        row = {"page_p50_ms": round(statistics.median(lat), 2), "page_kb": round(len(body) / 1024, 1)}
        if b"status.json" in body:
            http_get_unix(d.dir + "/sock", "/status.json", 10)
            jl, jb = http_get_unix(d.dir + "/sock", "/status.json", 50)
            row["status_json_p50_ms"] = round(statistics.median(jl), 2)
            row["status_json_kb"] = round(len(jb) / 1024, 1)
        d.stop()
        return row
    finally:
        for p in pids_with(marker):
            os.kill(p, 9)
        d.cleanup()


def web_verdicts(st, sd, add):
    sw, vw = st["web"], sd["web"]
    add("status page with 200 programs, p50 (ms); size (KB)", "%s; %s" % (sw["page_p50_ms"], sw["page_kb"]),
        "%s; %s" % (vw["page_p50_ms"], vw["page_kb"]), "%.1fx faster" % (vw["page_p50_ms"] / sw["page_p50_ms"]),
        "<= supervisord", sw["page_p50_ms"] <= vw["page_p50_ms"])
    add("page's live refresh (status.json) with 200 programs, p50 (ms); size (KB)",
        "%s; %s" % (sw["status_json_p50_ms"], sw["status_json_kb"]), "n/a", "", "<= 5 ms",
        sw["status_json_p50_ms"] <= 5)
