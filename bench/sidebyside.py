#!/usr/bin/python3
"""Steward and Supervisor's supervisord, side by side, on the same generated configs, in one run.

Every figure is taken the same way for both daemons: through their supervisord.conf, their unix
socket and /proc (daemons.py). Prints a table with ratios and goals; writes results/latest.md and
results/latest.json.
"""
import argparse
import json
import os
import subprocess
import time

from daemons import HERE
from footprint import bench_starts, bench_two
from ctlstart import bench_ctl, verdicts as ctl_verdicts
from metrics_row import bench_metrics
from rows import bench_deploy, bench_logs, bench_restart, bench_scale
from web import bench_web, web_verdicts


def measure(label, command, rows, quick):
    out = {"label": label}
    if "scale3" in rows:
        out["scale3"] = bench_scale(command, 3, measure_rpc=False)
    if "scale200" in rows:
        out["scale200"] = bench_scale(command, 200, measure_rpc=True)
    if "restart" in rows:
        out["restart"] = bench_restart(command, cycles=10 if quick else 50)
    if "logs" in rows:
        out["logs"] = bench_logs(command, 100 if quick else 500)
    if "web" in rows:
        out["web"] = bench_web(command)
    return out


def ratio(a, b):
    return None if a in (None, 0) or b is None else b / a


def verdicts(st, sd):
    """(row, steward, supervisord, ratio text, goal, met): the goals of issues 8 and 16."""
    rows = []

    def add(name, s, v, rtext, goal, ok):
        rows.append((name, s, v, rtext, goal, ok))

    def x(a, b):
        return "%.2fx" % (a / b)

    if "starts" in st:
        a, b = st["starts"], sd["starts"]
        for n in ("3", "200"):
            add("RSS, %s programs (MB, median)" % n, a[n]["rss_mb"], b[n]["rss_mb"], x(a[n]["rss_mb"], b[n]["rss_mb"]),
                "<= 1.1x supervisord", a[n]["rss_mb"] <= 1.1 * b[n]["rss_mb"])
        for n in ("3", "200"):
            add("start to socket answering, %s programs (s, median; min)" % n,
                "%.3f; %.3f" % (a[n]["socket_up_s"], a[n]["socket_up_min_s"]),
                "%.3f; %.3f" % (b[n]["socket_up_s"], b[n]["socket_up_min_s"]),
                x(a[n]["socket_up_s"], b[n]["socket_up_s"]), "<= 1.0x supervisord",
                a[n]["socket_up_s"] <= b[n]["socket_up_s"])
            add("CPU to socket answering, %s programs (s, median)" % n, a[n]["cpu_to_socket_s"], b[n]["cpu_to_socket_s"],
                x(a[n]["cpu_to_socket_s"], b[n]["cpu_to_socket_s"]), "", None)
        add("start to all 200 RUNNING, startsecs=1 (s, median)", a["200"]["all_running_s"], b["200"]["all_running_s"],
            x(a["200"]["all_running_s"], b["200"]["all_running_s"]), "<= 0.8x supervisord",
            a["200"]["all_running_s"] <= 0.8 * b["200"]["all_running_s"])
    if "two" in st:
        a, b = st["two"], sd["two"]
        add("two daemons side by side, 3 programs: private memory each (USS, MB)", a["uss"], b["uss"], x(a["uss"], b["uss"]),
            "", None)
        add("two daemons side by side, 3 programs: proportional share each (PSS, MB)", a["pss"], b["pss"],
            x(a["pss"], b["pss"]), "", None)
    if "scale200" in st:
        s2, v2 = st["scale200"], sd["scale200"]
        if "scale3" in st:
            add("threads, 3 / 200 programs", "%d / %d" % (st["scale3"]["threads"], s2["threads"]),
                "%d / %d" % (sd["scale3"]["threads"], v2["threads"]), "", "same at 3 and 200",
                st["scale3"]["threads"] == s2["threads"])
        add("getAllProcessInfo@200 raw p50 (ms)", s2["getall_p50_ms"], v2["getall_p50_ms"],
            "%.1fx faster" % (v2["getall_p50_ms"] / s2["getall_p50_ms"]), ">= 20x faster",
            v2["getall_p50_ms"] / s2["getall_p50_ms"] >= 20)
        add("getAllProcessInfo@200 raw p95 (ms)", s2["getall_p95_ms"], v2["getall_p95_ms"],
            "%.1fx faster" % (v2["getall_p95_ms"] / s2["getall_p95_ms"]), "", None)
        add("getAllProcessInfo@200, 8 raw clients (req/s)", s2["getall_8clients_rps"], v2["getall_8clients_rps"],
            "%.1fx" % (s2["getall_8clients_rps"] / v2["getall_8clients_rps"]), ">= 10x",
            s2["getall_8clients_rps"] >= 10 * v2["getall_8clients_rps"])
        add("RSS after the RPC load, 200 programs (MB)", s2["rss_after_rpc_mb"], v2["rss_after_rpc_mb"],
            x(s2["rss_after_rpc_mb"], v2["rss_after_rpc_mb"]), "", None)
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
        m, v = st["metrics"]["steward"], st["metrics"]["supervisord"]
        add("monitoring %d programs once a second: CPU it adds, median of %d paired windows (%%) "
            "[Steward: Prometheus scraping /metrics; supervisord: an exporter's getAllProcessInfo]"
            % (m["n"], len(m["added_cpu_pct_rounds"])),
            m["added_cpu_pct"], v["added_cpu_pct"], "", "< 1 %", m["added_cpu_pct"] < 1)
        add("  the pairs (%); daemon CPU asked / alone, medians (%)",
            "%s; %s / %s" % (", ".join(str(x) for x in m["added_cpu_pct_rounds"]), m["scrape_cpu_pct"], m["idle_cpu_pct"]),
            "%s; %s / %s" % (", ".join(str(x) for x in v["added_cpu_pct_rounds"]), v["scrape_cpu_pct"], v["idle_cpu_pct"]),
            "", "", None)
        add("  one answer, p50 (ms); size (kB)", "%s; %d" % (m["p50_ms"], m["bytes"] // 1024),
            "%s; %d" % (v["p50_ms"], v["bytes"] // 1024), "", "", None)
    if "web" in st:
        web_verdicts(st, sd, add)
    if "ctl" in st:
        ctl_verdicts(st["ctl"], add)
    if "deploy" in st:
        d = st["deploy"]
        add("container agent (steward run) serving the ramen sample: RSS (MB); threads",
            "%s; %s" % (d["agent_rss_mb"], d["agent_threads"]), "n/a", "", "", None)
        add("container agent RSS after two redeploys (MB)", d["agent_rss_after_redeploys_mb"], "n/a", "", "", None)
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


DEFAULT_ROWS = "starts,two,scale3,scale200,restart,logs,web,deploy,types,metrics,data,up,ctl"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--steward", required=True)
    ap.add_argument("--only", default=DEFAULT_ROWS)
    ap.add_argument("--rounds", type=int, default=5, help="interleaved starts of each daemon for the start rows")
    ap.add_argument("--quick", action="store_true", help="smaller log volume and fewer restarts")
    ap.add_argument("--before", help="another Steward launcher (an older build) measured beside, for the enginecalls rows")
    a = ap.parse_args()
    rows = a.only.split(",")
    commands = {"steward": "%s supervisord -n -c {conf}" % a.steward,
                "supervisord": "/usr/bin/supervisord -n -c {conf}"}
    steward = measure("steward", commands["steward"], rows, a.quick)
    supervisord = measure("supervisord", commands["supervisord"], rows, a.quick)
    if "starts" in rows:
        starts = bench_starts(commands, 2 if a.quick else a.rounds)
        steward["starts"] = {str(n): v for n, v in starts["steward"].items()}
        supervisord["starts"] = {str(n): v for n, v in starts["supervisord"].items()}
    if "two" in rows:
        steward["two"] = bench_two(commands["steward"])
        supervisord["two"] = bench_two(commands["supervisord"])
    if "deploy" in rows:
        steward["deploy"] = bench_deploy(a.steward)
    if "metrics" in rows:
        steward["metrics"] = bench_metrics(commands, a.quick)
    if "ctl" in rows:
        steward["ctl"] = bench_ctl(a.steward, 10 if a.quick else 30)
    if "types" in rows:
        import typerows  # per service type and the zero-drop redeploy rows (Steward only)
        steward["types"] = typerows.bench_types(a.steward)
        steward["zero_drop"] = typerows.bench_zero_drop(a.steward)
    extra = ""
    if "enginecalls" in rows:
        import enginecalls  # the engine-call rows: one group of 200 vs 200 groups of 1, before and after
        calls = {}
        if a.before:
            calls["steward before"] = enginecalls.bench_enginecalls("%s supervisord -n -c {conf}" % a.before)
        calls["steward"] = enginecalls.bench_enginecalls(commands["steward"])
        calls["supervisord"] = enginecalls.bench_enginecalls(commands["supervisord"])
        steward["enginecalls"] = calls
        extra = "\n\n" + enginecalls.table(calls)
    if "data" in rows:
        import datarows  # the agent's memory beside each data server's (Steward only)
        steward["data"] = datarows.bench_data(a.steward)
    if "up" in rows:
        import uprows  # steward up of the whole sample app (Steward only)
        steward["up"] = uprows.bench_up(a.steward)
    table = verdicts(steward, supervisord)
    if "up" in rows:
        table += uprows.table(steward)
    if "types" in rows:
        table += typerows.table(steward)
    if "data" in rows:
        table += datarows.table(steward)
    md = render(table, steward, supervisord) + extra if table else extra.lstrip("\n")  # enginecalls alone: its table only
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
