"""The engine-call rows: stopAllProcesses / startAllProcesses and getAllProcessInfo on one group of
200 processes and on 200 groups of one, over raw keep-alive HTTP on the unix socket (no client-side
XML parsing). A call that selects nothing (stopAll with everything stopped, startAll with everything
running) is the cost of reading the daemon's state and choosing, nothing else."""
import statistics
import time

from daemons import Daemon, RawClient, pctl


def request(method, *params):
    body = ("<?xml version='1.0'?>\n<methodCall>\n<methodName>%s</methodName>\n<params>\n%s</params>\n"
            "</methodCall>\n" % (method, "".join("<param><value>%s</value></param>\n" % p for p in params))).encode()
    return (b"POST /RPC2 HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/xml\r\nContent-Length: %d\r\n\r\n"
            % len(body)) + body


STOP_ALL = request("supervisor.stopAllProcesses", "<boolean>1</boolean>")
START_ALL = request("supervisor.startAllProcesses", "<boolean>1</boolean>")
GET_ALL = request("supervisor.getAllProcessInfo")


def timed(sock, req, n, warm=20):
    c = RawClient(sock, req)
    for _ in range(warm):
        c.get()
    lat = []
    for _ in range(n):
        t = time.perf_counter()
        c.get()
        lat.append((time.perf_counter() - t) * 1000)
    c.close()
    return round(statistics.median(lat), 3), round(pctl(lat, 0.95), 3)


def programs(layout, n, seconds):
    prog = "[program:p%03d]\ncommand=sleep " + seconds + "\nstartsecs=0\nautostart=false\n"
    text = "".join(prog % i for i in range(n))
    if layout == "one":
        text += "[group:g]\nprograms=%s\n" % ",".join("p%03d" % i for i in range(n))
    return text


def bench_layout(command, layout, n=200, calls=200, cycles=5):
    d = Daemon(command, programs(layout, n, "86400"))
    sock = d.dir + "/sock"
    try:
        row = {}
        row["stopall_none_p50_ms"], row["stopall_none_p95_ms"] = timed(sock, STOP_ALL, calls)
        starts, stops = [], []
        for _ in range(cycles):
            c = RawClient(sock, START_ALL)
            t = time.perf_counter()
            c.get()
            starts.append((time.perf_counter() - t) * 1000)
            c.close()
            if d.wait_running(n) is None:
                raise RuntimeError("%s: not all %d RUNNING" % (layout, n))
            c = RawClient(sock, STOP_ALL)
            t = time.perf_counter()
            c.get()
            stops.append((time.perf_counter() - t) * 1000)
            c.close()
        row["startall_%d_ms" % n] = round(statistics.median(starts), 1)
        row["stopall_%d_ms" % n] = round(statistics.median(stops), 1)
        RawClient(sock, START_ALL).get()
        d.wait_running(n)
        row["startall_none_p50_ms"], row["startall_none_p95_ms"] = timed(sock, START_ALL, calls)
        row["getall_p50_ms"], row["getall_p95_ms"] = timed(sock, GET_ALL, calls)
        return row
    finally:
        d.stop()  # the daemon stops its programs: nothing is looked up by name
        d.cleanup()


def bench_enginecalls(command):
    return {"one_group": bench_layout(command, "one"), "groups": bench_layout(command, "many")}


ROWS = [("stopAllProcesses selecting nothing, p50 (ms)", "stopall_none_p50_ms"),
        ("stopAllProcesses selecting nothing, p95 (ms)", "stopall_none_p95_ms"),
        ("startAllProcesses selecting nothing, p50 (ms)", "startall_none_p50_ms"),
        ("startAllProcesses of 200, wait=true, startsecs=0, median (ms)", "startall_200_ms"),
        ("stopAllProcesses of 200, wait=true, median (ms)", "stopall_200_ms"),
        ("getAllProcessInfo, p50 (ms)", "getall_p50_ms")]


def table(results):
    """results: label -> bench_enginecalls(), in column order; a markdown table, every daemon side by side."""
    labels = list(results)
    lines = ["| row | " + " | ".join(labels) + " |", "|---|" + "---|" * len(labels)]
    for layout, title in (("one_group", "one group of 200"), ("groups", "200 groups of 1")):
        for name, key in ROWS:
            lines.append("| %s, %s | %s |" % (name, title, " | ".join(str(results[l][layout][key]) for l in labels)))
    st = results["steward"]
    one, many = st["one_group"]["stopall_none_p50_ms"], st["groups"]["stopall_none_p50_ms"]
    lines.append("| goal: Steward's stopAll selecting nothing on one group of 200 at or below 200 groups of 1 (p50 ms) "
                 "| %s | %s <= %s: %s |" % (" | ".join([""] * (len(labels) - 1)), one, many,
                                            "yes" if one <= many else "**no**"))
    return "\n".join(lines)
