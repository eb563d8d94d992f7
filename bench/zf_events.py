"""Zero-failed-request rows around single events, each with its own agent in a fresh home:
WebSockets held across redeploys, the container's stop behind an nginx upstream (a kubelet and an
endpoints controller), a new release that exits at once, and crashes (the only web process; one of
a Node cluster's 4 workers)."""
import json
import os
import queue
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time

import zf_apps
from zf_load import Paced, await_200, one_get

HERE = os.path.dirname(os.path.abspath(__file__))


def web_pid(agent, hint):
    st = agent.status()
    names = [n for n in st if hint in n and "~" not in n] or [n for n in st if "~" not in n]
    return st[names[0]][1] if names and st[names[0]][0] == "RUNNING" else None


def npm_install(pkg, dest):
    r = subprocess.run(["npm", "install", "--prefix", dest, "--no-audit", "--no-fund", "--silent", pkg],
                       capture_output=True, text=True, timeout=300)
    if r.returncode != 0:
        raise RuntimeError("npm install %s failed: %s" % (pkg, (r.stdout + r.stderr)[-300:]))
    return dest + "/node_modules"


class WsClients:
    def __init__(self, url, node_path):
        self.proc = subprocess.Popen(["node", HERE + "/zf_wsclient.js", url], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True, env=dict(os.environ, NODE_PATH=node_path))
        self.lines = queue.Queue()
        threading.Thread(target=lambda: [self.lines.put(l) for l in self.proc.stdout], daemon=True).start()

    def ask(self, timeout=30, **cmd):
        self.proc.stdin.write(json.dumps(cmd) + "\n")
        self.proc.stdin.flush()
        return json.loads(self.lines.get(timeout=timeout))

    def quit(self):
        if self.proc.poll() is None:
            self.proc.stdin.write('{"cmd":"quit"}\n')
            self.proc.stdin.flush()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


def bench_ws(steward, redeploys=5, n=100, probes=3):
    """n clients of samples/websocket-chat held open across `redeploys` redeploys: how many closed
    before the drain time; after each redeploy, `probes` new connections: which pid holds each
    (ss -tnp) against the program's new pid, and whether "ping" gets "pong"."""
    work = tempfile.mkdtemp(prefix="zfws")
    node_path = npm_install("ws@8", work + "/npm")
    agent = zf_apps.Agent(steward, "websocket-chat", work)
    clients = None
    try:
        agent.push()
        drains = zf_apps.program_keys(zf_apps.programs_conf(agent.home), "drainsecs", 30)
        drain = min(drains.values()) if drains else 30
        clients = WsClients("ws://127.0.0.1:%d/" % agent.port, node_path)
        base = clients.ask(cmd="open", n=n, tag="base")
        first_pid = web_pid(agent, "chat")
        owners = zf_apps.conn_owners(agent.port)
        on_first = sum(1 for c in base["clients"] if first_pid in owners.get(c["lport"], []))
        rounds = []
        for r in range(redeploys):
            old = web_pid(agent, "chat")
            t = time.time()
            agent.edit("app/chat.js")
            agent.deploy()
            new = web_pid(agent, "chat")
            tag = "probe%d" % r
            probe = clients.ask(cmd="open", n=probes, tag=tag)
            owners = zf_apps.conn_owners(agent.port)
            pids = [owners.get(c["lport"], []) for c in probe["clients"]]
            pong = clients.ask(cmd="ping", tag=tag)
            clients.ask(cmd="close", tag=tag)
            rounds.append({"started": t, "deploy_s": round(time.time() - t, 2), "old_pid": old, "new_pid": new,
                           "probes_opened": len(probe["clients"]), "probes_on_new_pid": sum(1 for p in pids if new in p),
                           "probes_pong": pong["ok"], "probe_pids": pids})
        pong = clients.ask(cmd="ping", tag="base")
        rep = clients.ask(cmd="report")
        t_first = rounds[0]["started"] if rounds else time.time()
        cut = [c for c in rep["closed"] if c["tag"] == "base" and not c["byUs"]]
        early = [c for c in cut if c["at"] < t_first + drain]
        return {"clients": n, "opened": len(base["clients"]), "on_first_pid": on_first, "drainsecs": drain,
                "closed_before_drain": len(early), "closed_codes": sorted({c["code"] for c in cut}),
                "still_open_answering": pong["ok"], "still_open": pong["of"],
                "seconds_since_first_redeploy": round(time.time() - t_first, 1),
                "new_connections": sum(r["probes_opened"] for r in rounds), "probe_target": probes * redeploys,
                "new_on_new_release": sum(r["probes_on_new_pid"] for r in rounds),
                "new_answered": sum(r["probes_pong"] for r in rounds), "rounds": rounds}
    finally:
        if clients:
            clients.quit()
        agent.stop()
        shutil.rmtree(work, ignore_errors=True)


NGINX = """worker_processes 1;
pid {d}/nginx.pid;
error_log {d}/error.log;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  client_body_temp_path {d}/tmp; proxy_temp_path {d}/tmp; fastcgi_temp_path {d}/tmp;
  uwsgi_temp_path {d}/tmp; scgi_temp_path {d}/tmp;
  {upstream}
  server {{
    listen 127.0.0.1:{port};
    location / {{ {route} }}
  }}
}}
"""


def nginx_conf(d, port, app_port):
    up = "upstream app {{ server 127.0.0.1:{0}; }}".format(app_port) if app_port else ""
    route = "proxy_pass http://app;" if app_port else "return 503;"
    with open(d + "/nginx.conf", "w") as f:
        f.write(NGINX.format(d=d, port=port, upstream=up, route=route))


def drain_delay_s(steward):
    """--drain-delay's default as `steward run --help` states it on the option's own lines (0 when the
    option is not there); (seconds, option present)."""
    text = subprocess.run([steward, "run", "--help"], capture_output=True, text=True, timeout=60).stdout
    m = re.search(r"^\s+--drain-delay.*\n.*", text, re.M)
    if not m:
        return 0.0, False
    d = re.search(r"default[^\d]{0,20}(\d+(?:\.\d+)?)\s*(ms|s)?", m.group(0))
    return (float(d.group(1)) / (1000 if d.group(2) == "ms" else 1) if d else 0.0), True


AGENT_EXIT_S = 5  # README (Under Kubernetes): grace = drain delay + stop batches' stopwaitsecs + ~5 s


def bench_stop(steward, sig, route_s=2.0):
    """`steward run --health-port P` serving the ramen sample behind a real nginx, 100 req/s through
    nginx; sig to the agent, routing kept for route_s, then the upstream dropped (nginx reloaded
    without it). Failed requests sent while routed after the signal; time to exit against the grace
    time (drain delay + the programs' stopwaitsecs added up)."""
    work = tempfile.mkdtemp(prefix="zfstop")
    hp = zf_apps.typerows.free_port()
    agent = zf_apps.Agent(steward, "ramen-on-dotcloud", work, extra_args=["--health-port", str(hp)])
    nd = work + "/nginx"
    os.makedirs(nd + "/tmp")
    nport = zf_apps.typerows.free_port()
    nginx = None
    try:
        agent.push()
        nginx_conf(nd, nport, agent.port)
        nginx = subprocess.Popen(["nginx", "-p", nd, "-c", nd + "/nginx.conf", "-g", "daemon off;"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        if not await_200(nport, 20):
            raise RuntimeError("nginx never answered 200 on %d" % nport)
        delay, has_option = drain_delay_s(steward)
        waits = zf_apps.program_keys(zf_apps.programs_conf(agent.home), "stopwaitsecs", 10)
        grace = delay + sum(waits.values()) + AGENT_EXIT_S
        health = []

        def poll_health(until):
            while time.time() < until:
                health.append((time.time(), one_get(hp, timeout=1, path="/health")))
                time.sleep(0.05)
        with Paced(nport, 100) as load:
            time.sleep(1.0)  # pacing: a second of steady load before the signal
            t_sig = time.time()
            agent.proc.send_signal(sig)
            exited = []
            waiter = threading.Thread(target=lambda: exited.append((agent.proc.wait(), time.time())), daemon=True)
            waiter.start()
            poller = threading.Thread(target=poll_health, args=(t_sig + route_s,))
            poller.start()
            time.sleep(max(0.0, t_sig + route_s - time.time()))
            t_drop = time.time()
        poller.join()
        nginx_conf(nd, nport, None)  # the endpoints controller drops the pod
        nginx.send_signal(signal.SIGHUP)
        waiter.join(max(0.0, t_sig + grace + 20 - time.time()))
        code, exit_s = (exited[0][0], round(exited[0][1] - t_sig, 2)) if exited else (None, None)
        first_503 = next((round(t - t_sig, 3) for t, s in health if s == 503), None)
        return {"signal": signal.Signals(sig).name, "routed": load.summary(t_sig, t_drop),
                "before_signal": load.summary(None, t_sig), "exit_s": exit_s, "exit_code": code,
                "grace_s": grace, "agent_exit_s": AGENT_EXIT_S, "drain_delay_s": delay, "drain_delay_option": has_option, "stopwaitsecs": waits,
                "health_503_after_s": first_503, "health_seen": sorted({str(s) for _, s in health})}
    finally:
        if nginx:
            zf_apps.end_tree(nginx, 10)
        agent.stop()
        shutil.rmtree(work, ignore_errors=True)


class Watch:
    """Notes the first moment pid is no longer alive (polled every 5 ms)."""

    def __init__(self, pid):
        self.pid, self.gone_at, self._stop = pid, None, threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)
        self._t.start()

    def _run(self):
        while not self._stop.is_set():
            if not zf_apps.alive(self.pid):
                self.gone_at = time.time()
                return
            time.sleep(0.005)

    def stop(self):
        self._stop.set()
        self._t.join()


def bench_exit_at_once(steward):
    """A redeploy of a ramen copy whose server.js exits at once, under 100 req/s: failed requests,
    and whether the old release's node was alive throughout."""
    work = tempfile.mkdtemp(prefix="zfexit")
    agent = zf_apps.Agent(steward, "ramen-on-dotcloud", work)
    try:
        agent.push()
        old = web_pid(agent, "node")
        path = agent.tree + "/hellonode/server.js"
        with open(path) as f:
            src = f.read()
        with open(path, "w") as f:
            f.write("process.exit(1); // this release exits at once\n" + src)
        watch = Watch(old)
        with Paced(agent.port, 100) as load:
            t = time.time()
            r = subprocess.run([steward, "deploy", "--home", agent.home, agent.tree], capture_output=True, text=True,
                               timeout=180)
            deploy_s = time.time() - t
            time.sleep(1.0)  # pacing: a second of load after the deploy gave up
        watch.stop()
        after = web_pid(agent, "node")
        return {"load": load.summary(), "deploy_rc": r.returncode, "deploy_s": round(deploy_s, 1),
                "old_pid": old, "pid_after": after, "old_alive_throughout": watch.gone_at is None,
                "old_gone_after_s": round(watch.gone_at - t, 2) if watch.gone_at else None,
                "deploy_said": (r.stdout + r.stderr).strip().splitlines()[-2:]}
    finally:
        agent.stop()
        shutil.rmtree(work, ignore_errors=True)


def bench_crash_single(steward, kills=3):
    """SIGKILL the ramen sample's only node, `kills` times under 100 req/s: failures among requests
    sent after it was dead (goal 0) and among those sent while it was dying or before."""
    work = tempfile.mkdtemp(prefix="zfcrash")
    agent = zf_apps.Agent(steward, "ramen-on-dotcloud", work)
    try:
        agent.push()
        events = []
        with Paced(agent.port, 100) as load:
            for _ in range(kills):
                time.sleep(1.5)  # pacing: steady load between kills
                pid = web_pid(agent, "node")
                t_kill = time.time()
                os.kill(pid, signal.SIGKILL)
                zf_apps.await_gone([pid], 10)
                t_dead = time.time()
                back = zf_apps.await_state(agent.sock, lambda st: any(s == "RUNNING" and p not in (None, pid)
                                                                     for s, p in st.values()), 30)
                events.append((t_kill, t_dead, time.time() if back else None))
            time.sleep(1.5)
        c = classify(load.records, [(k, d) for k, d, _ in events])
        return {"kills": kills, "load": load.summary(), "failed_sent_after_death": c["after_death"],
                "failed_in_flight": c["in_flight"], "failed_other": c["other"],
                "back_running_s": [round(b - k, 2) if b else None for k, _, b in events]}
    finally:
        agent.stop()
        shutil.rmtree(work, ignore_errors=True)


CLUSTER = """// 4 workers on the handed port; each answer takes 50 ms so that a worker holds requests in flight.
var cluster = require('cluster'), http = require('http');
var port = process.env.PORT_WWW || 8080;
if (cluster.isPrimary) {
  for (var i = 0; i < 4; i++) cluster.fork();
  cluster.on('exit', function () { cluster.fork(); });
} else {
  http.createServer(function (req, res) {
    setTimeout(function () { res.writeHead(200, {'Content-Type': 'text/plain'}); res.end('worker ' + process.pid + '\\n'); }, 50);
  }).listen(port);
}
"""


def bench_crash_cluster(steward, kills=4):
    """A Node cluster app (the ramen sample with a 4-worker cluster server.js): SIGKILL one worker at a
    time under 100 req/s; failed requests against the connections the killed worker held: ss -tnp
    while it is stopped (SIGSTOP) just before the SIGKILL, its own connections plus those only the
    primary holds (round-robin handles on their way to a worker: the primary keeps each until the
    worker accepts it)."""
    work = tempfile.mkdtemp(prefix="zfcluster")

    def edit(tree):
        with open(tree + "/hellonode/server.js", "w") as f:
            f.write(CLUSTER)
    agent = zf_apps.Agent(steward, "ramen-on-dotcloud", work, tree_edit=edit)
    try:
        agent.push()
        held, transit, events = [], [], []
        with Paced(agent.port, 100) as load:
            for _ in range(kills):
                primary, w = paced_workers(agent, "node")
                os.kill(w[0], signal.SIGSTOP)  # frozen, it takes no more connections while ss looks
                t_kill = time.time()
                owners = zf_apps.conn_owners(agent.port)
                held.append(sum(1 for pids in owners.values() if w[0] in pids))
                transit.append(sum(1 for pids in owners.values() if pids == [primary]))
                os.kill(w[0], signal.SIGKILL)
                zf_apps.await_gone([w[0]], 10)
                events.append((t_kill, time.time()))
            time.sleep(1.5)
        s = load.summary()
        c = classify(load.records, events)
        return {"kills": kills, "load": s, "held_by_killed": held, "primary_only": transit, "failed": s["failed"],
                "bound": sum(held) + sum(transit),
                "failed_in_flight": c["in_flight"], "failed_sent_after_death": c["after_death"], "failed_other": c["other"]}
    finally:
        agent.stop()
        shutil.rmtree(work, ignore_errors=True)


def paced_workers(agent, program, n=4):
    """The pid of `program` (a master) and its live workers, once it has `n` again (at most 20 s)
    and after a second of steady load: the pacing between two kills."""
    master = web_pid(agent, program)
    end = time.monotonic() + 20
    while time.monotonic() < end and len(workers(master)) < n:
        time.sleep(0.05)
    time.sleep(1.0)
    w = workers(master)
    if not w:
        raise RuntimeError("no workers under %s pid %s" % (program, master))
    return master, w


def classify(records, kills):
    """Failed requests against kills [(killed at, seen dead at)]: in flight at a kill (sent before the
    process was seen dead, failed after the signal), sent after the death, or neither."""
    out = {"in_flight": 0, "after_death": 0, "other": 0}
    for start, secs, status in records:
        if status == 200:
            continue
        if any(start < dead and start + secs >= killed for killed, dead in kills):
            out["in_flight"] += 1
        elif any(start >= dead for _, dead in kills):
            out["after_death"] += 1
        else:
            out["other"] += 1
    return out


def workers(primary):
    if not primary:
        return []
    return [p for p in zf_apps.typerows.children_map().get(primary, []) if zf_apps.alive(p)]
