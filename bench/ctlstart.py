"""`steward ctl status` beside `supervisorctl status`, one-shot calls against the same running daemon
(Steward's drop-in, 3 programs), interleaved call by call (A B A B ...) so a loaded machine treats both
alike: wall time and CPU (user + system of the call's whole process tree, from wait4) per call.
Run on its own: /usr/bin/python3 bench/ctlstart.py --steward bin/steward [--calls N]."""
import argparse
import os
import statistics
import subprocess
import time

from daemons import Daemon


def one_call(argv):
    t = time.perf_counter()
    p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - t, ru.ru_utime + ru.ru_stime, p.returncode


def bench_ctl(steward, calls):
    programs = "".join("[program:p%d]\ncommand=sleep 86400.%d\nstartsecs=0\n" % (i, os.getpid()) for i in range(3))
    d = Daemon("%s supervisord -n -c {conf}" % steward, programs)
    try:
        d.wait_running(3)
        url = "unix://%s/sock" % d.dir
        clients = {"steward": [steward, "ctl", "-s", url, "status"],
                   "supervisorctl": ["/usr/bin/supervisorctl", "-s", url, "status"]}
        for argv in clients.values():  # warm: the launcher's class data, the page cache
            one_call(argv)
        runs = {k: {"wall": [], "cpu": [], "codes": set()} for k in clients}
        for _ in range(calls):
            for k, argv in clients.items():
                wall, cpu, code = one_call(argv)
                runs[k]["wall"].append(wall)
                runs[k]["cpu"].append(cpu)
                runs[k]["codes"].add(code)
        out = {}
        for k, r in runs.items():
            out[k] = {"wall_ms": round(statistics.median(r["wall"]) * 1000, 1),
                      "cpu_ms": round(statistics.median(r["cpu"]) * 1000, 1),
                      "wall_min_ms": round(min(r["wall"]) * 1000, 1), "cpu_min_ms": round(min(r["cpu"]) * 1000, 1),
                      "calls": calls, "exit_codes": sorted(r["codes"])}
        return out
    finally:
        d.stop()
        d.cleanup()


def verdicts(c, add):
    s, v = c["steward"], c["supervisorctl"]
    add("`ctl status`, one call against the same daemon: wall (ms, median; min) [Steward: steward ctl; "
        "supervisord: supervisorctl]", "%s; %s" % (s["wall_ms"], s["wall_min_ms"]), "%s; %s" % (v["wall_ms"], v["wall_min_ms"]),
        "%.2fx" % (s["wall_ms"] / v["wall_ms"]), "<= 1.0x supervisorctl", s["wall_ms"] <= v["wall_ms"])
    add("`ctl status`, one call: CPU, user + system (ms, median; min)", "%s; %s" % (s["cpu_ms"], s["cpu_min_ms"]),
        "%s; %s" % (v["cpu_ms"], v["cpu_min_ms"]), "%.2fx" % (s["cpu_ms"] / v["cpu_ms"]), "<= 1.0x supervisorctl",
        s["cpu_ms"] <= v["cpu_ms"])


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--steward", required=True)
    ap.add_argument("--calls", type=int, default=30)
    a = ap.parse_args()
    rows = []
    verdicts(bench_ctl(a.steward, a.calls), lambda *r: rows.append(r))
    for r in rows:
        print("| %s |" % " | ".join(str(x) for x in r))
