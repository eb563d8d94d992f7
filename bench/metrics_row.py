"""The /metrics row of bench/run: what Prometheus scraping 200 programs once a second costs the daemon,
beside what the same monitoring costs under supervisord, whose exporters call getAllProcessInfo on
every scrape."""
import os
import statistics
import time

from daemons import Daemon, GETALL_REQUEST, RawClient, pids_with, task_cpu_s

# What Prometheus 2.x sends: HTTP/1.1 on a kept-alive connection, asking for gzip (served plain here).
SCRAPE = (b"GET /metrics HTTP/1.1\r\nHost: localhost\r\nUser-Agent: Prometheus/2.42.0\r\n"
          b"Accept: application/openmetrics-text;version=1.0.0;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1\r\n"
          b"Accept-Encoding: gzip\r\nX-Prometheus-Scrape-Timeout-Seconds: 1\r\n\r\n")


def monitored_cost(command, request, n=200, window=10, rounds=3):
    """A daemon with n programs, asked `request` once a second by a kept-alive client, in `rounds`
    pairs of windows (left alone, then asked), so that both halves of a pair see the same machine.
    Added CPU = the daemon's run time (every thread's schedstat) asked minus alone; the median
    pair is reported. Before measuring, 1,100 requests back to back: a monitor that has been asking
    for 18 minutes, by when the JVM has compiled what runs once per request (the launcher's C1
    thresholds compile a method after 1,000 calls; before that, a scrape costs about a fifth more)."""
    marker = "86401.%d" % os.getpid()
    programs = "".join("[program:p%03d]\ncommand=sleep %s\nstartsecs=1\n" % (i, marker) for i in range(n))
    d = Daemon(command, programs)
    try:
        d.wait_running(n)
        client = RawClient(d.dir + "/sock", request)  # kept alive, as a scraper keeps it
        for _ in range(1100):
            client.get()
        time.sleep(1.0)
        added, idle, asked, lat = [], [], [], []
        size = 0
        for _ in range(rounds):
            c0, t0 = task_cpu_s(d.pid), time.time()
            time.sleep(window)
            alone = 100.0 * (task_cpu_s(d.pid) - c0) / (time.time() - t0)
            c0, t0 = task_cpu_s(d.pid), time.time()
            for k in range(window):
                t = time.perf_counter()
                size = len(client.get())
                lat.append((time.perf_counter() - t) * 1000)
                time.sleep(max(0.0, t0 + k + 1 - time.time()))
            busy = 100.0 * (task_cpu_s(d.pid) - c0) / (time.time() - t0)
            added.append(busy - alone)
            idle.append(alone)
            asked.append(busy)
        client.close()
        return {"n": n, "added_cpu_pct": round(statistics.median(added), 2),
                "added_cpu_pct_rounds": [round(a, 2) for a in added],
                "scrape_cpu_pct": round(statistics.median(asked), 2), "idle_cpu_pct": round(statistics.median(idle), 2),
                "p50_ms": round(statistics.median(lat), 2), "bytes": size}
    finally:
        d.stop()
        for p in pids_with(marker):
            os.kill(p, 9)
        d.cleanup()


def bench_metrics(commands, quick=False):
    """Steward's /metrics and supervisord's getAllProcessInfo, each asked once a second."""
    window, rounds = (5, 3) if quick else (10, 5)
    return {"steward": monitored_cost(commands["steward"], SCRAPE, window=window, rounds=rounds),
            "supervisord": monitored_cost(commands["supervisord"], GETALL_REQUEST, window=window, rounds=rounds)}
