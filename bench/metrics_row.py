"""The /metrics row of bench/run (Steward only): what Prometheus scraping 200 programs once a second costs."""
import os
import socket
import statistics
import time

from daemons import Daemon, pids_with, task_cpu_s


def scrape(path):
    """One GET /metrics on the unix socket (HTTP/1.0, read to the end); returns the body."""
    s = socket.socket(socket.AF_UNIX)
    s.connect(path)
    s.sendall(b"GET /metrics HTTP/1.0\r\nHost: localhost\r\n\r\n")
    data = b""
    while True:
        chunk = s.recv(262144)
        if not chunk:
            break
        data += chunk
    s.close()
    return data.split(b"\r\n\r\n", 1)[1]


def bench_metrics(command, n=200, seconds=20):
    """The daemon's CPU while scrapes of /metrics hit it once a second, against the same daemon left
    idle for as long (every thread's schedstat run time: the tick counts of /proc/PID/stat are too
    coarse on these machines for a 1 % figure); what scraping adds is the difference. After 20
    scrapes, as a Prometheus that has been scraping for a while."""
    marker = "86401.%d" % os.getpid()
    programs = "".join("[program:p%03d]\ncommand=sleep %s\nstartsecs=1\n" % (i, marker) for i in range(n))
    d = Daemon(command, programs)
    try:
        d.wait_running(n)
        sock = d.dir + "/sock"
        for _ in range(20):
            scrape(sock)
        time.sleep(1.0)
        c0, t0 = task_cpu_s(d.pid), time.time()
        time.sleep(seconds)
        idle = 100.0 * (task_cpu_s(d.pid) - c0) / (time.time() - t0)
        lat = []
        size = 0
        c0, t0 = task_cpu_s(d.pid), time.time()
        for k in range(seconds):
            t = time.perf_counter()
            size = len(scrape(sock))
            lat.append((time.perf_counter() - t) * 1000)
            time.sleep(max(0.0, t0 + k + 1 - time.time()))
        busy = 100.0 * (task_cpu_s(d.pid) - c0) / (time.time() - t0)
        return {"n": n, "scrape_cpu_pct": round(busy, 2), "idle_cpu_pct": round(idle, 2),
                "scrape_p50_ms": round(statistics.median(lat), 2), "scrape_bytes": size}
    finally:
        d.stop()
        for p in pids_with(marker):
            os.kill(p, 9)
        d.cleanup()
