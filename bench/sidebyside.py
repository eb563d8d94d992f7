#!/usr/bin/python3
"""Steward and Supervisor's supervisord, side by side, on the same generated configs, in one run.

Every figure is taken the same way for both daemons: through their supervisord.conf, their unix
socket (Supervisor's own client transport, or raw HTTP to leave out the client's XML parsing) and
/proc. Prints a table with ratios and goals; writes results/latest.md and results/latest.json.
"""
import argparse
import hashlib
import json
import os
import shlex
import shutil
import socket
import statistics
import subprocess
import sys
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


def pids_with(marker):
    out = subprocess.run(["pgrep", "-f", marker], capture_output=True, text=True).stdout.split()
    return [int(p) for p in out]


class RawClient:
    """Keep-alive HTTP on the unix socket; reads whole replies without parsing the XML."""

    def __init__(self, path):
        self.s = socket.socket(socket.AF_UNIX)
        self.s.connect(path)
        self.buf = b""

    def get_all(self):
        self.s.sendall(GETALL_REQUEST)
        while b"\r\n\r\n" not in self.buf:
            self.buf += self.s.recv(65536)
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
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                self.rpc().supervisor.getState()
                self.socket_up = time.time() - self.t0
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
        t = time.time()
        self.proc.terminate()
        try:
            self.proc.wait(60)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, 9)
            self.proc.wait()
        return time.time() - t

    def cleanup(self):
        shutil.rmtree(self.dir, ignore_errors=True)


def pctl(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def bench_scale(command, n, measure_rpc):
    marker = "86400.%d%d" % (os.getpid(), n)
    programs = "".join("[program:p%03d]\ncommand=sleep %s\nstartsecs=1\n" % (i, marker) for i in range(n))
    d = Daemon(command, programs)
    try:
        row = {"n": n, "socket_up_s": d.socket_up}
        row["all_running_s"] = d.wait_running(n)
        time.sleep(1.0)
        row["rss_mb"] = round(proc_status(d.pid, "VmRSS") / 1024, 1)
        row["threads"] = proc_status(d.pid, "Threads")
        if measure_rpc:
            raw = RawClient(d.dir + "/sock")
            for _ in range(50):
                raw.get_all()
            lat = []
            for _ in range(300):
                t = time.perf_counter()
                raw.get_all()
                lat.append((time.perf_counter() - t) * 1000)
            raw.close()
            row["getall_p50_ms"] = round(statistics.median(lat), 3)
            row["getall_p95_ms"] = round(pctl(lat, 0.95), 3)
            count = [0] * 8
            stop_at = time.time() + 3

            def worker(k):
                c = RawClient(d.dir + "/sock")
                while time.time() < stop_at:
                    c.get_all()
                    count[k] += 1
                c.close()

            threads = [threading.Thread(target=worker, args=(k,)) for k in range(8)]
            [t.start() for t in threads]
            [t.join() for t in threads]
            row["getall_8clients_rps"] = round(sum(count) / 3, 1)
            time.sleep(1.0)
            c0, t0 = cpu_ticks(d.pid), time.time()
            time.sleep(5)
            row["idle_cpu_pct"] = round(100.0 * (cpu_ticks(d.pid) - c0) / CLK_TCK / (time.time() - t0), 2)
            row["rss_after_rpc_mb"] = round(proc_status(d.pid, "VmRSS") / 1024, 1)
        row["shutdown_s"] = round(d.stop(), 3)
        time.sleep(0.2)
        row["left_after_shutdown"] = len(pids_with(marker))
        return row
    finally:
        for p in pids_with(marker):
            os.kill(p, 9)
        d.cleanup()


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
    """Steward only: the daemon's CPU while Prometheus-style scrapes of /metrics hit it once a second,
    against the same daemon left idle for as long; and what one scrape of n programs costs."""
    marker = "86401.%d" % os.getpid()
    programs = "".join("[program:p%03d]\ncommand=sleep %s\nstartsecs=1\n" % (i, marker) for i in range(n))
    d = Daemon(command, programs)
    try:
        d.wait_running(n)
        sock = d.dir + "/sock"
        for _ in range(5):
            scrape(sock)
        time.sleep(1.0)
        c0, t0 = cpu_ticks(d.pid), time.time()
        time.sleep(seconds)
        idle = 100.0 * (cpu_ticks(d.pid) - c0) / CLK_TCK / (time.time() - t0)
        lat = []
        size = 0
        c0, t0 = cpu_ticks(d.pid), time.time()
        for k in range(seconds):
            t = time.perf_counter()
            size = len(scrape(sock))
            lat.append((time.perf_counter() - t) * 1000)
            time.sleep(max(0.0, t0 + k + 1 - time.time()))
        busy = 100.0 * (cpu_ticks(d.pid) - c0) / CLK_TCK / (time.time() - t0)
        return {"n": n, "scrape_cpu_pct": round(busy, 2), "idle_cpu_pct": round(idle, 2),
                "scrape_p50_ms": round(statistics.median(lat), 2), "scrape_bytes": size}
    finally:
        d.stop()
        for p in pids_with(marker):
            os.kill(p, 9)
        d.cleanup()


def bench_restart(command, programs=1, cycles=50):
    """Exit of a program that ran >= 1 s -> its new process started. bash stamps both moments
    with $EPOCHREALTIME (no fork), so the gap is the daemon's reaction plus one bash start.
    One program, as a lone crashing service: with several, other exits wake supervisord's poll
    loop early and hide its 1 s tick."""
    body = ("[program:cycle%d]\ncommand=/bin/bash -c 'echo \"start $EPOCHREALTIME\" >> {d}/cycle%d.txt; sleep 1.05; "
            "echo \"end $EPOCHREALTIME\" >> {d}/cycle%d.txt; exit 3'\nstartsecs=1\nautorestart=true\n")
    d = Daemon(command, "".join(body % (i, i, i) for i in range(programs)))
    try:
        deadline = time.time() + 5 * cycles + 30
        def done():
            total = 0
            for i in range(programs):
                try:
                    with open("%s/cycle%d.txt" % (d.dir, i)) as f:
                        total += sum(1 for l in f if l.startswith("start"))
                except OSError:
                    pass
            return total
        while done() < programs * (cycles + 1) and time.time() < deadline:
            time.sleep(0.1)
        d.stop()
        gaps = []
        for i in range(programs):
            with open("%s/cycle%d.txt" % (d.dir, i)) as f:
                lines = [l.split() for l in f]
            gaps += [(float(b[1]) - float(a[1])) * 1000 for a, b in zip(lines, lines[1:])
                     if a[0] == "end" and b[0] == "start"]
        return {"restart_gap_ms_median": round(statistics.median(gaps), 2), "restart_gap_ms_p95": round(pctl(gaps, .95), 2),
                "restarts": len(gaps)}
    finally:
        d.cleanup()


def expected_digest(nbytes):
    line = (LOG_LINE + "\n").encode()
    block = line * (1 << 16)
    h = hashlib.sha256()
    left = nbytes
    while left > 0:
        take = min(left, len(block))
        h.update(block[:take])
        left -= take
    return h.hexdigest()


def kept_digest(logdir, base, backups):
    h = hashlib.sha256()
    total = 0
    for name in ["%s.%d" % (base, i) for i in range(backups, 0, -1)] + [base]:
        path = os.path.join(logdir, name)
        if os.path.exists(path):
            with open(path, "rb") as f:
                while True:
                    chunk = f.read(1 << 20)
                    if not chunk:
                        break
                    h.update(chunk)
                    total += len(chunk)
    return h.hexdigest(), total


def timed_pipe(nbytes, sink):
    t = time.time()
    subprocess.run("yes '%s' | head -c %d > %s" % (LOG_LINE, nbytes, sink), shell=True, check=True)
    return time.time() - t


def bench_logs(command, mb):
    nbytes = mb * 1000 * 1000
    programs = ("[program:chatty]\ncommand=/bin/bash -c \"echo $EPOCHREALTIME > {d}/chatty.start; "
                "yes '%s' | head -c %d; echo $EPOCHREALTIME > {d}/chatty.done; exec sleep 100000\"\n"
                "startsecs=0\nautorestart=false\nstdout_logfile={d}/logs/chatty.log\n"
                "stdout_logfile_maxbytes=100MB\nstdout_logfile_backups=10\n") % (LOG_LINE, nbytes)
    d = Daemon(command, programs)
    try:
        done = d.dir + "/chatty.done"
        deadline = time.time() + 300
        while not (os.path.exists(done) and os.path.getsize(done) > 0) and time.time() < deadline:
            time.sleep(0.01)
        start = float(open(d.dir + "/chatty.start").read())
        writer_s = float(open(done).read()) - start
        # everything written must be in the files: wait for the daemon to drain the pipe
        logdir = d.dir + "/logs"
        while time.time() < deadline:
            sizes = sum(os.path.getsize(os.path.join(logdir, f)) for f in os.listdir(logdir) if f.startswith("chatty.log"))
            if sizes >= nbytes:
                break
            time.sleep(0.05)
        drained_s = time.time() - start
        digest, total = kept_digest(logdir, "chatty.log", 10)
        d.stop()
        raw_s = timed_pipe(nbytes, d.dir + "/raw.log")
        return {"log_mb": mb, "log_drain_s": round(max(writer_s, 0), 3), "log_all_in_files_s": round(drained_s, 3),
                "raw_pipe_s": round(raw_s, 3), "log_bytes_kept": total,
                "log_byte_exact": digest == expected_digest(nbytes) and total == nbytes}
    finally:
        subprocess.run(["pkill", "-f", "sleep 100000"], capture_output=True)
        d.cleanup()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_ok(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as c:
            c.sendall(b"GET / HTTP/1.0\r\n\r\n")
            return c.recv(64).startswith(b"HTTP/1.1 200")
    except OSError:
        return False


def bench_deploy(steward):
    """Steward only (supervisord has no build or deploy): redeploy of the ramen sample with a running
    agent, an edited server.js, and a rebuild with unchanged dependencies."""
    import re
    work = tempfile.mkdtemp(prefix="stewdeploy")
    tree, home = work + "/tree", work + "/home"
    shutil.copytree(os.path.join(HERE, "..", "samples", "ramen-on-dotcloud"), tree,
                    ignore=shutil.ignore_patterns("node_modules"))
    port = free_port()
    with open(tree + "/dotcloud.yml", "a") as f:
        f.write("  environment:\n    PORT_WWW: '%d'\n" % port)
    agent = None
    try:
        def deploy():
            t = time.time()
            r = subprocess.run([steward, "deploy", "--home", home, tree], capture_output=True, text=True)
            out = r.stdout + r.stderr
            if r.returncode != 0:
                raise RuntimeError("deploy failed:\n" + out)
            gap = re.search(r"Port \d+ was unavailable for (\d+) ms", out)
            return {"wall_s": round(time.time() - t, 3), "gap_ms": int(gap.group(1)) if gap else None,
                    "npm_ran": bool(re.search(r"Running .*npm.* (install|ci)", out))}
        deploy()
        agent = subprocess.Popen([steward, "run", "--home", home, "--socket", home + "/run/s.sock",
                                  "--log-dir", home + "/log", "--quiet"], stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL, start_new_session=True)
        deadline = time.time() + 60
        while not http_ok(port) and time.time() < deadline:
            time.sleep(0.05)
        with open(tree + "/hellonode/server.js") as f:
            src = f.read()
        with open(tree + "/hellonode/server.js", "w") as f:
            f.write(src.replace("Hello World!", "Hello again!"))
        edited = deploy()
        unchanged = deploy()
        return {"redeploy_total_s": edited["wall_s"], "redeploy_gap_ms": edited["gap_ms"],
                "rebuild_unchanged_s": unchanged["wall_s"], "rebuild_unchanged_npm_ran": unchanged["npm_ran"],
                "rebuild_unchanged_gap_ms": unchanged["gap_ms"]}
    finally:
        if agent is not None:
            agent.terminate()
            agent.wait(60)
        shutil.rmtree(work, ignore_errors=True)


def measure(label, command, rows, quick):
    out = {"label": label}
    if "scale3" in rows:
        out["scale3"] = bench_scale(command, 3, measure_rpc=True)
    if "scale200" in rows:
        out["scale200"] = bench_scale(command, 200, measure_rpc=True)
    if "restart" in rows:
        out["restart"] = bench_restart(command, cycles=10 if quick else 50)
    if "logs" in rows:
        out["logs"] = bench_logs(command, 100 if quick else 500)
    return out


def ratio(a, b):
    return None if a in (None, 0) or b is None else b / a


def verdicts(st, sd):
    """(row, steward, supervisord, ratio text, goal, met) for every goal of issue 8."""
    rows = []

    def add(name, s, v, rtext, goal, ok):
        rows.append((name, s, v, rtext, goal, ok))

    if "scale3" in st:
        s3, v3 = st["scale3"], sd["scale3"]
        add("RSS, 3 programs (MB)", s3["rss_mb"], v3["rss_mb"], "%.2fx" % (s3["rss_mb"] / v3["rss_mb"]), "<= 45 MB",
            s3["rss_mb"] <= 45)
        add("start to socket answering, 3 programs (s)", round(s3["socket_up_s"], 3), round(v3["socket_up_s"], 3),
            "%.2fx" % (s3["socket_up_s"] / v3["socket_up_s"]), "<= 0.4 s", s3["socket_up_s"] <= 0.4)
    if "scale200" in st:
        s2, v2 = st["scale200"], sd["scale200"]
        add("RSS, 200 programs (MB)", s2["rss_mb"], v2["rss_mb"], "%.2fx" % (s2["rss_mb"] / v2["rss_mb"]),
            "<= 1.5x supervisord", s2["rss_mb"] <= 1.5 * v2["rss_mb"])
        if "scale3" in st:
            add("threads, 3 / 200 programs", "%d / %d" % (st["scale3"]["threads"], s2["threads"]),
                "%d / %d" % (sd["scale3"]["threads"], v2["threads"]), "", "same at 3 and 200",
                st["scale3"]["threads"] == s2["threads"])
        add("start to all 200 RUNNING, startsecs=1 (s)", round(s2["all_running_s"], 3), round(v2["all_running_s"], 3),
            "%.2fx" % (s2["all_running_s"] / v2["all_running_s"]), "<= 0.8x supervisord",
            s2["all_running_s"] <= 0.8 * v2["all_running_s"])
        add("getAllProcessInfo@200 raw p50 (ms)", s2["getall_p50_ms"], v2["getall_p50_ms"],
            "%.1fx faster" % (v2["getall_p50_ms"] / s2["getall_p50_ms"]), ">= 20x faster",
            v2["getall_p50_ms"] / s2["getall_p50_ms"] >= 20)
        add("getAllProcessInfo@200 raw p95 (ms)", s2["getall_p95_ms"], v2["getall_p95_ms"],
            "%.1fx faster" % (v2["getall_p95_ms"] / s2["getall_p95_ms"]), "", None)
        add("getAllProcessInfo@200, 8 raw clients (req/s)", s2["getall_8clients_rps"], v2["getall_8clients_rps"],
            "%.1fx" % (s2["getall_8clients_rps"] / v2["getall_8clients_rps"]), ">= 10x",
            s2["getall_8clients_rps"] >= 10 * v2["getall_8clients_rps"])
        add("idle CPU, 200 programs (%)", s2["idle_cpu_pct"], v2["idle_cpu_pct"], "", "<= 0.5 %",
            s2["idle_cpu_pct"] <= 0.5)
        add("shutdown of 200 programs (s)", s2["shutdown_s"], v2["shutdown_s"],
            "%.2fx" % (s2["shutdown_s"] / v2["shutdown_s"]), "<= 0.3 s or <= 0.5x",
            s2["shutdown_s"] <= 0.3 or s2["shutdown_s"] <= 0.5 * v2["shutdown_s"])
        add("processes left after shutdown", s2["left_after_shutdown"], v2["left_after_shutdown"], "", "0",
            s2["left_after_shutdown"] == 0)
    if "restart" in st:
        sr, vr = st["restart"], sd["restart"]
        add("restart gap, median (ms)", sr["restart_gap_ms_median"], vr["restart_gap_ms_median"],
            "%.0fx faster" % (vr["restart_gap_ms_median"] / sr["restart_gap_ms_median"]), "<= 5 ms",
            sr["restart_gap_ms_median"] <= 5)
    if "logs" in st:
        sl, vl = st["logs"], sd["logs"]
        add("log drain %d MB, writer time vs raw pipe (s)" % sl["log_mb"], "%.2f / %.2f" % (sl["log_drain_s"], sl["raw_pipe_s"]),
            "%.2f / %.2f" % (vl["log_drain_s"], vl["raw_pipe_s"]), "%.2fx raw" % (sl["log_drain_s"] / sl["raw_pipe_s"]),
            "<= 1.1x raw pipe", sl["log_drain_s"] <= 1.1 * sl["raw_pipe_s"])
        add("kept log files byte-exact", sl["log_byte_exact"], vl["log_byte_exact"], "", "yes", sl["log_byte_exact"])
    if "metrics" in st:
        m = st["metrics"]
        add("/metrics of %d programs scraped every 1 s: daemon CPU (%%), idle (%%)" % m["n"],
            "%s / %s" % (m["scrape_cpu_pct"], m["idle_cpu_pct"]), "n/a", "", "< 1 %", m["scrape_cpu_pct"] < 1)
        add("/metrics scrape of %d programs, p50 (ms); size (kB)" % m["n"],
            "%s; %d" % (m["scrape_p50_ms"], m["scrape_bytes"] // 1024), "n/a", "", "", None)
    if "deploy" in st:
        d = st["deploy"]
        add("redeploy of the ramen sample, total (s)", d["redeploy_total_s"], "n/a", "", "", None)
        add("redeploy, port 8080 unavailable (ms)", d["redeploy_gap_ms"], "n/a", "", "<= 300 ms",
            d["redeploy_gap_ms"] is not None and d["redeploy_gap_ms"] <= 300)
        add("rebuild with unchanged deps, total (s); npm ran", "%s; %s" % (d["rebuild_unchanged_s"],
            "yes" if d["rebuild_unchanged_npm_ran"] else "no"), "n/a", "", "<= 2 s, npm not run",
            d["rebuild_unchanged_s"] <= 2 and not d["rebuild_unchanged_npm_ran"])
    return rows


def render(rows, st, sd):
    lines = ["| row | Steward | supervisord | ratio | goal | met |", "|---|---|---|---|---|---|"]
    for name, s, v, r, goal, ok in rows:
        met = "" if ok is None else ("yes" if ok else "**no**")
        lines.append("| %s | %s | %s | %s | %s | %s |" % (name, s, v, r, goal, met))
    return "\n".join(lines)


DEFAULT_ROWS = "scale3,scale200,restart,logs,deploy,metrics"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--steward", required=True)
    ap.add_argument("--only", default=DEFAULT_ROWS)
    ap.add_argument("--quick", action="store_true", help="smaller log volume and fewer restarts")
    a = ap.parse_args()
    rows = a.only.split(",")
    steward = measure("steward", "%s supervisord -n -c {conf}" % a.steward, rows, a.quick)
    supervisord = measure("supervisord", "/usr/bin/supervisord -n -c {conf}", rows, a.quick)
    if "deploy" in rows:
        steward["deploy"] = bench_deploy(a.steward)
    if "metrics" in rows:
        steward["metrics"] = bench_metrics("%s supervisord -n -c {conf}" % a.steward, seconds=10 if a.quick else 20)
    table = verdicts(steward, supervisord)
    md = render(table, steward, supervisord)
    version = subprocess.run(["/usr/bin/supervisord", "-v"], capture_output=True, text=True).stdout.strip()
    header = "Steward vs supervisord %s, %s, %d cores, %s\n\n" % (
        version, time.strftime("%Y-%m-%d %H:%M"), os.cpu_count(), os.uname().release)
    print(header + md)
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    # a run of some rows only does not replace the full run's results
    name = "latest" if a.only == DEFAULT_ROWS else "partial-" + a.only.replace(",", "-")
    with open(os.path.join(HERE, "results", name + ".md"), "w") as f:
        f.write(header + md + "\n")
    with open(os.path.join(HERE, "results", name + ".json"), "w") as f:
        json.dump({"steward": steward, "supervisord": supervisord}, f, indent=1)


if __name__ == "__main__":
    main()
