#!/usr/bin/python3
"""Start and memory figures, interleaved between daemons (A B A B ...) so that a loaded machine
treats them alike, and two daemons side by side for what they share. Run on its own it compares
any daemon commands, for bench/FOOTPRINT.md's levers:

  bench/footprint.py [--rounds N] [--n 3,200] LABEL='COMMAND with {conf}' ...
  e.g. sd='/usr/bin/supervisord -n -c {conf}' st='env STEWARD_JAVA_OPTS=-Xint bin/steward supervisord -n -c {conf}'
"""
import argparse
import os
import statistics
import time

from daemons import Daemon, pids_with, proc_status, rollup_mb

def start_once(command, n):
    """One start of a daemon with n programs: wall and CPU to a socket that answers, all RUNNING, RSS."""
    marker = "86400.%d%d" % (os.getpid(), n)
    programs = "".join("[program:p%03d]\ncommand=sleep %s\nstartsecs=1\n" % (i, marker) for i in range(n))
    d = Daemon(command, programs)
    try:
        row = {"socket_up_s": d.socket_up, "cpu_to_socket_s": d.cpu_to_socket, "all_running_s": d.wait_running(n)}
        time.sleep(1.0)
        row["rss_mb"] = round(proc_status(d.pid, "VmRSS") / 1024, 1)
        row["threads"] = proc_status(d.pid, "Threads")
        d.stop()
        return row
    finally:
        for p in pids_with(marker):
            os.kill(p, 9)
        d.cleanup()


def bench_starts(commands, rounds):
    """Start figures for several daemons, interleaved round by round (A B A B ...) so that a machine
    whose speed drifts treats them alike; medians per daemon and number of programs."""
    runs = {label: {3: [], 200: []} for label in commands}
    for _ in range(rounds):
        for n in (3, 200):
            for label, command in commands.items():
                runs[label][n].append(start_once(command, n))
    out = {}
    for label in commands:
        out[label] = {}
        for n in (3, 200):
            rs = runs[label][n]
            out[label][n] = {k: round(statistics.median(r[k] for r in rs), 3) for k in rs[0]}
            out[label][n]["socket_up_min_s"] = round(min(r["socket_up_s"] for r in rs), 3)
    return out


def bench_two(command):
    """Two daemons with 3 programs each side by side, as two containers of one image on a host:
    what each holds alone (private, USS) and its proportional share (PSS) of what they share."""
    marker = "86400.%d2" % os.getpid()
    programs = "".join("[program:p%03d]\ncommand=sleep %s\nstartsecs=1\n" % (i, marker) for i in range(3))
    ds = [Daemon(command, programs) for _ in range(2)]
    try:
        for d in ds:
            d.wait_running(3)
        time.sleep(1.0)
        r = [rollup_mb(d.pid) for d in ds]
        return {k: round(statistics.mean(x[k] for x in r), 1) for k in ("rss", "pss", "uss")}
    finally:
        for d in ds:
            d.stop()
            d.cleanup()
        for p in pids_with(marker):
            os.kill(p, 9)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--n", default="3,200")
    ap.add_argument("--two", action="store_true", help="also two of each side by side: RSS, PSS, USS")
    ap.add_argument("daemons", nargs="+", help="LABEL=COMMAND, COMMAND with {conf}")
    a = ap.parse_args()
    commands = dict(d.split("=", 1) for d in a.daemons)
    sizes = [int(n) for n in a.n.split(",")]
    runs = {(label, n): [] for label in commands for n in sizes}
    for _ in range(a.rounds):
        for n in sizes:
            for label, command in commands.items():
                runs[label, n].append(start_once(command, n))
    for (label, n), rs in runs.items():
        med = {k: statistics.median(r[k] for r in rs) for k in rs[0]}
        print("%-12s %3d programs: socket %.3f s (min %.3f), CPU to socket %.3f s, all RUNNING %.3f s, RSS %.1f MB"
              " (min %.1f), %d threads" % (label, n, med["socket_up_s"], min(r["socket_up_s"] for r in rs),
                                           med["cpu_to_socket_s"], med["all_running_s"], med["rss_mb"],
                                           min(r["rss_mb"] for r in rs), rs[-1]["threads"]))
    if a.two:
        for label, command in commands.items():
            t = bench_two(command)
            print("%-12s two side by side, 3 programs each: RSS %.1f, PSS %.1f, USS %.1f MB each" % (
                label, t["rss"], t["pss"], t["uss"]))


if __name__ == "__main__":
    main()
