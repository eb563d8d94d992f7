#!/usr/bin/python3
"""bench/run --only zerofail: the zero-failed-request rows of issue 20, in one run.

Per type (node = the ramen sample unchanged, python, ruby, php, perl, static): 10 redeploys and 10
`supervisorctl restart all` (the real supervisorctl on the agent's socket); a plain supervisord.conf
running gunicorn on a held socket (`sockets=`) beside real supervisord 4.2.5 (gunicorn binding
itself); PM2's cluster `reload` on the ramen server.js (the anchor). Each of these runs under two
loads, counted apart: 100 req/s with a new connection per request, and wrk (keep-alive) at the shape
that gave the highest rate here (calibrated on the node app first); both at once over the same
cycles, or with --separate each over its own cycles (twice as long). Then WebSockets held
across 5 redeploys, the container's stop behind nginx (SIGTERM and SIGINT), a new release that exits
at once, and crashes. Writes results/zerofail.md and results/zerofail.json (a subset of rows:
results/zerofail-partial.*).

usage: zerofail.py --steward PATH [--rows types,gunicorn,pm2,ws,stop,exit,crash] [--types node,python,..]
                   [--cycles 10] [--separate]
"""
import argparse
import json
import os
import signal
import subprocess
import time

import zf_crash_uwsgi
import zf_events
import zf_types
from zf_types import guard

HERE = os.path.dirname(os.path.abspath(__file__))
ALL_ROWS = "types,gunicorn,pm2,ws,stop,exit,crash"


def run(steward, rows, types, cycles, together=True):
    out, box = {"started": time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime()), "load_before": os.getloadavg()[0]}, {}
    t0 = time.time()
    if "types" in rows:
        out["types"] = {}
        for label, sample, source in zf_types.TYPES:
            if label in types:
                out["types"][label] = guard(zf_types.bench_type, steward, label, sample, source, cycles, box, together)
    shape = box.get("shape") or (1, 32)
    out["wrk"] = {"threads": shape[0], "connections": shape[1], "calibration_rps": box.get("tried"),
                  "calibrated_on": box.get("on"), "together": together}
    if "gunicorn" in rows:
        out["gunicorn"] = zf_types.gunicorn_side_by_side(steward, cycles, shape, together)
    if "pm2" in rows:
        out["pm2"] = guard(zf_types.bench_pm2, cycles, shape, together)
    if "ws" in rows:
        out["ws"] = guard(zf_events.bench_ws, steward)
    if "stop" in rows:
        out["stop"] = {s.name: guard(zf_events.bench_stop, steward, s) for s in (signal.SIGTERM, signal.SIGINT)}
    if "exit" in rows:
        out["exit_at_once"] = guard(zf_events.bench_exit_at_once, steward)
    if "crash" in rows:
        out["crash_single"] = guard(zf_events.bench_crash_single, steward)
        out["crash_cluster"] = guard(zf_events.bench_crash_cluster, steward)
        out["crash_uwsgi"] = guard(zf_crash_uwsgi.bench_crash_uwsgi, steward)
    out["seconds"] = round(time.time() - t0)
    out["load_after"] = os.getloadavg()[0]
    return out


def of(d):
    return "%d of %d" % (d["failed"], d["requests"])


def wrk_text(w):
    return "%d errors, %d answered (%.0f req/s; %d/%d/%d/%d/%d)" % (
        w["failed"], w["requests"], w["rps"], w["connect"], w["read"], w["write"], w["timeout"], w["non2xx"])


def ws_rows(ws):
    return [("WebSockets: %d clients held across 5 redeploys, closed before drainsecs (%d s)" % (ws["clients"], ws["drainsecs"]),
             "%d of %d (%d still answer ping)" % (ws["closed_before_drain"], ws["opened"], ws["still_open_answering"]), "",
             "0", ws["closed_before_drain"] == 0 and ws["opened"] == ws["clients"]),
            ("WebSockets: new connections after each redeploy held by the new release's pid; answered",
             "%d of %d; %d answered" % (ws["new_on_new_release"], ws["probe_target"], ws["new_answered"]), "", "all",
             ws["new_on_new_release"] == ws["probe_target"] == ws["new_answered"])]


def stop_rows(d):
    name = d["signal"]
    waits = "+".join(str(v) for v in d["stopwaitsecs"].values()) or "none"
    return [("stop (%s), nginx routing 2 s after the signal: failed requests" % name, of(d["routed"]), "", "0",
             d["routed"]["failed"] == 0),
            ("stop (%s): exit after the signal / grace time (drain delay %s + stopwaitsecs %s + %s, as the README "
             "documents) (s)" % (name, d["drain_delay_s"], waits, d["agent_exit_s"]),
             "%s / %s; /health 503 after %s s" % (d["exit_s"], d["grace_s"], d["health_503_after_s"]), "", "< grace",
             d["exit_s"] is not None and d["exit_s"] <= d["grace_s"])]


def exit_rows(d):
    return [("new release whose node exits at once: failed requests (deploy %.1f s, rc %d)" % (d["deploy_s"], d["deploy_rc"]),
             of(d["load"]), "", "0", d["load"]["failed"] == 0),
            ("  the old release's node alive throughout", "yes" if d["old_alive_throughout"] else
             "no (gone %s s into the deploy)" % d["old_gone_after_s"], "", "yes", d["old_alive_throughout"])]


def crash_rows(d):
    return [("crash (SIGKILL) of the only node, x%d: failed among requests sent after it died; in flight at the kill; "
             "other" % d["kills"], "%d; %d; %d (of %d)" % (d["failed_sent_after_death"], d["failed_in_flight"],
                                                         d["failed_other"], d["load"]["requests"]), "", "0 after",
             d["failed_sent_after_death"] == 0)]


def cluster_rows(d):
    return [("crash (SIGKILL) of one of 4 Node cluster workers, x%d: failed / requests the killed workers held (ss "
             "at each kill: the worker's + on their way from the primary); failed in flight at a kill, sent after, other"
             % d["kills"], "%d / %d (%d + %d); %d, %d, %d (of %d)" % (
                 d["failed"], d["bound"], sum(d["held_by_killed"]), sum(d["primary_only"]), d["failed_in_flight"],
                 d["failed_sent_after_death"], d["failed_other"], d["load"]["requests"]), "", "failed <= held",
             d["failed"] <= d["bound"])]


def loaded(name, d, goal_zero=True):
    ok = d["paced"]["failed"] == 0 and d["wrk"]["failed"] == 0
    note = "; " + "; ".join(d["notes"]) if d.get("notes") else ""
    return [(name, of(d["paced"]) + note, wrk_text(d["wrk"]), "0" if goal_zero else "", ok if goal_zero else None)]


def section(name, d, rows_of, goal="0"):
    """The rows of one measured dict, or one row with its error."""
    if d is None:
        return []
    if "error" in d:
        return [(name, "error: " + " / ".join(d["error"].split("\n")), "", goal, False if goal else None)]
    return rows_of(d)


def table(r, cycles):
    """(row, 100 req/s figure, wrk figure, goal, met)"""
    rows = []
    for label, d in r.get("types", {}).items():
        name = label + (" (ramen sample unchanged)" if label == "node" else "")
        rows += section(name, d, lambda d: loaded("%s: %d redeploys" % (name, cycles), d["redeploy"])
                        + loaded("%s: %d `supervisorctl restart all`" % (label, cycles), d["restart"])
                        + (loaded("%s: %d `supervisorctl restart %s` (the app server behind nginx)"
                                  % (label, cycles, d["app_server"]), d["restart_app"]) if "restart_app" in d else []))
    g = r.get("gunicorn", {})
    name = "gunicorn, plain supervisord.conf with `sockets=`, Steward: %d `supervisorctl restart`" % cycles
    rows += section(name, g.get("steward"), lambda d: loaded(name, d))
    name = "  the same conf on supervisord 4.2.5, gunicorn binding itself (comparison)"
    rows += section(name, g.get("supervisord"), lambda d: loaded(name, d, False), "")
    name = "PM2 %s cluster mode (2 instances), ramen server.js: %d `pm2 reload` (anchor)" % (
        r.get("pm2", {}).get("pm2_version", ""), cycles)
    rows += section(name, r.get("pm2"), lambda d: loaded(name, d, False), "")
    rows += section("WebSockets, samples/websocket-chat", r.get("ws"), ws_rows)
    for sig, d in r.get("stop", {}).items():
        rows += section("stop (%s) behind nginx" % sig, d, stop_rows)
    rows += section("new release exits at once", r.get("exit_at_once"), exit_rows)
    rows += section("crash of the only node", r.get("crash_single"), crash_rows)
    rows += section("crash of one of 4 cluster workers", r.get("crash_cluster"), cluster_rows, "failed <= held")
    rows += section("crash of one of 4 uWSGI workers", r.get("crash_uwsgi"), zf_crash_uwsgi.rows, "failed <= held")
    return rows


def render(rows, r):
    w = r["wrk"]
    lines = ["| row | 100 req/s, new connection per request: failed | wrk -t%d -c%d, keep-alive: errors "
             "(each refused reconnect counts), answers (req/s; connect/read/write/timeout/non-2xx) | goal | met |" % (w["threads"], w["connections"]),
             "|---|---|---|---|---|"]
    for name, a, b, goal, ok in rows:
        met = "" if ok is None else ("yes" if ok else "**no**")
        lines.append("| %s | %s | %s | %s | %s |" % (name, str(a).replace("|", "/"), b, goal, met))
    return "\n".join(lines)


def interrupted(signum, frame):
    raise KeyboardInterrupt("signal %d" % signum)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--steward", required=True)
    ap.add_argument("--rows", default=ALL_ROWS)
    ap.add_argument("--types", default=",".join(t[0] for t in zf_types.TYPES))
    ap.add_argument("--cycles", type=int, default=10)
    ap.add_argument("--separate", action="store_true",
                    help="the 100 req/s client and wrk each over their own cycles (twice as long), not at once")
    a = ap.parse_args()
    for sig in (signal.SIGINT, signal.SIGTERM):  # rows end their processes on the way out (also when
        signal.signal(sig, interrupted)          # started in the background, where SIGINT is ignored)
    rows, types = a.rows.split(","), a.types.split(",")
    r = run(a.steward, rows, types, a.cycles, not a.separate)
    commit = subprocess.run(["git", "-C", HERE, "log", "-1", "--format=%h %s"], capture_output=True,
                            text=True).stdout.strip()[:100]
    calib = r["wrk"]["calibration_rps"]
    header = ("Zero failed requests (issue 20), %s UTC, %d cores, %s, at %s; %d s in all (load average %.1f "
              "before, %.1f after).\n"
              "wrk shape: the highest of %s (req/s, 2 s each against the node app); %s.\n\n"
              % (r["started"], os.cpu_count(), os.uname().release, commit, r["seconds"], r["load_before"], r["load_after"],
                 ", ".join("%s: %.0f" % kv for kv in calib.items()) if calib else "not calibrated (default -t1 -c32)",
                 "wrk and the 100 req/s client ran at once over the same cycles, counted apart" if not a.separate else
                 "the 100 req/s client and wrk each over their own cycles (--separate)"))
    md = header + render(table(r, a.cycles), r)
    print(md)
    full = a.rows == ALL_ROWS and len(types) == len(zf_types.TYPES) and a.cycles == 10
    name = "zerofail" if full else "zerofail-partial"
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    with open(os.path.join(HERE, "results", name + ".md"), "w") as f:
        f.write(md + "\n")
    with open(os.path.join(HERE, "results", name + ".json"), "w") as f:
        json.dump(r, f, indent=1)


if __name__ == "__main__":
    main()
