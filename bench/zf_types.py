"""Zero-failed-request rows under load: per service type, 10 redeploys and 10 `supervisorctl restart
all`; a plain supervisord.conf running gunicorn on a held socket (Steward) beside real supervisord
4.2.5; PM2's cluster `reload` as the anchor. Each cycle runs under two loads at once, counted apart:
100 req/s with a new connection per request, and wrk at its calibrated shape (keep-alive)."""
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time

import daemons
import zf_apps
from zf_load import Paced, Wrk, await_200, calibrate

TYPES = [("node", "ramen-on-dotcloud", "hellonode/server.js"), ("python", "python-app", "app/wsgi.py"),
         ("ruby", "ruby-app", "app/config.ru"), ("php", "php-app", "www/index.php"), ("perl", "perl-app", "app/app.psgi"),
         ("static", "static-site", "site/index.html")]


def under_load(port, shape, cycles, action, together=True):
    """Runs action(i) `cycles` times under both loads at once (together), or `cycles` times under
    each load one after the other; awaits a 200 after each cycle (bounded)."""
    notes = []
    t0 = time.time()

    def cycle_all():
        for i in range(cycles):
            note = action(i)
            if note:
                notes.append(note)
            if not await_200(port, 30):
                notes.append("no 200 within 30 s after cycle %d" % (i + 1))
                return
    if together:
        with Paced(port, 100) as paced, Wrk(port, shape[0], shape[1]) as wrk:
            cycle_all()
    else:
        with Paced(port, 100) as paced:
            cycle_all()
        with Wrk(port, shape[0], shape[1]) as wrk:
            cycle_all()
    return {"paced": paced.summary(), "wrk": wrk.summary(), "seconds": round(time.time() - t0, 1),
            "notes": notes[:5]}


def restart_all(agent_or_sock, name="all"):
    def act(i):
        rc, out = zf_apps.ctl(agent_or_sock, "restart", name)
        return None if rc == 0 and "ERROR" not in out else "restart %d: rc %d %s" % (i + 1, rc, out[-200:])
    return act


APP_SERVERS = ("uwsgi", "php-fpm", "puma")


def bench_type(steward, label, sample, source, cycles, shape_box, together=True):
    work = tempfile.mkdtemp(prefix="zftype")
    agent = zf_apps.Agent(steward, sample, work)
    try:
        agent.push()
        if shape_box.get("shape") is None:  # the wrk shape: calibrated once, on the first type
            t, c, tried = calibrate(agent.port)
            shape_box.update(shape=(t, c), tried=tried, on=label)
        shape = shape_box["shape"]

        def redeploy(i):
            agent.edit(source)
            try:
                agent.deploy()
            except RuntimeError as e:
                return "redeploy %d failed: %s" % (i + 1, str(e)[-200:])
        out = {"redeploy": under_load(agent.port, shape, cycles, redeploy, together)}
        progress("%s: %d redeploys in %.0f s" % (label, cycles, out["redeploy"]["seconds"]))
        out["restart"] = under_load(agent.port, shape, cycles, restart_all(agent.sock), together)
        progress("%s: %d restarts in %.0f s" % (label, cycles, out["restart"]["seconds"]))
        out["programs"] = sorted(agent.status())
        server = next((p for p in out["programs"] if p in APP_SERVERS), None)
        if server:  # the app server behind nginx alone: what a user restarts without a push
            out["restart_app"] = under_load(agent.port, shape, cycles, restart_all(agent.sock, server), together)
            out["app_server"] = server
            progress("%s: %d restarts of %s in %.0f s" % (label, cycles, server, out["restart_app"]["seconds"]))
        return out
    finally:
        agent.stop()
        shutil.rmtree(work, ignore_errors=True)


WSGI = '''def app(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"hello from gunicorn\\n"]
'''

SV_CONF = daemons.HEADER + """[supervisorctl]
serverurl=unix://{d}/sock
[program:web]
command=/usr/bin/gunicorn --chdir {d}/app --workers 2 --graceful-timeout 10 {bind} app:app
{sockets}stopsignal=TERM
stopwaitsecs=15
startsecs=1
"""


def bench_gunicorn(daemon_cmd, held, cycles, shape, together=True):
    """A plain supervisord.conf: gunicorn with `sockets=` (held by the daemon, read by gunicorn from
    LISTEN_FDS) or binding the port itself; `cycles` supervisorctl restarts under load."""
    d = tempfile.mkdtemp(prefix="zfgun")
    os.makedirs(d + "/app")
    os.makedirs(d + "/logs")
    with open(d + "/app/app.py", "w") as f:
        f.write(WSGI)
    port = zf_apps.typerows.free_port()
    conf = SV_CONF.format(d=d, bind="" if held else "--bind 127.0.0.1:%d" % port,
                          sockets="sockets=tcp://127.0.0.1:%d\n" % port if held else "")
    with open(d + "/sv.conf", "w") as f:
        f.write(conf)
    proc = subprocess.Popen(daemon_cmd + ["-n", "-c", d + "/sv.conf"], stdout=open(d + "/daemon.out", "w"),
                            stderr=subprocess.STDOUT, start_new_session=True)
    try:
        if not await_200(port, 20):
            raise RuntimeError("gunicorn never answered on %d; %s" % (port, last_lines(d)))
        return under_load(port, shape, cycles, restart_all(d + "/sock"), together)
    finally:
        zf_apps.end_tree(proc)
        shutil.rmtree(d, ignore_errors=True)


def last_lines(d):
    """The last lines of the daemon's output and of each program log, for a row's error."""
    said = []
    for path in [d + "/daemon.out"] + sorted(os.path.join(d, "logs", f) for f in os.listdir(d + "/logs")):
        with open(path, errors="replace") as f:
            tail = [l.strip() for l in f.read().splitlines() if l.strip()][-2:]
        said.append("%s: %s" % (os.path.basename(path), " / ".join(tail)))
    return "; ".join(said)


def bench_pm2(cycles, shape, together=True):
    """PM2 (from npm, into a temp dir, PM2_HOME there) in cluster mode, 2 instances, on the ramen
    server.js unchanged; `pm2 reload` `cycles` times under load. Ends its own daemon by pid."""
    d = tempfile.mkdtemp(prefix="zfpm2")
    env = dict(os.environ, PM2_HOME=d + "/pm2home")
    r = subprocess.run(["npm", "install", "--prefix", d + "/npm", "--no-audit", "--no-fund", "--silent", "pm2"],
                       capture_output=True, text=True, timeout=300)
    pm2 = d + "/npm/node_modules/.bin/pm2"
    if r.returncode != 0 or not os.path.exists(pm2):
        shutil.rmtree(d, ignore_errors=True)
        raise RuntimeError("npm install pm2 failed: %s" % (r.stdout + r.stderr)[-300:])
    zf_apps.copy_sample("ramen-on-dotcloud", d + "/app")
    port = zf_apps.typerows.free_port()
    env["PORT_WWW"] = str(port)
    said = subprocess.run([pm2, "--version"], env=env, capture_output=True, text=True, timeout=60).stdout
    version = (re.findall(r"^(\d+\.\d+\.\d+)\s*$", said, re.M) or ["?"])[-1]
    app_pids = set()
    try:
        subprocess.run([pm2, "start", d + "/app/hellonode/server.js", "-i", "2", "--name", "ramen"], env=env,
                       cwd=d + "/app/hellonode", capture_output=True, text=True, timeout=120, check=True)
        if not await_200(port, 60):
            raise RuntimeError("pm2's cluster never answered on %d" % port)

        def reload(i):
            app_pids.update(zf_apps.descendants(pm2_daemon(d)))
            rr = subprocess.run([pm2, "reload", "ramen"], env=env, capture_output=True, text=True, timeout=120)
            return None if rr.returncode == 0 else "reload %d: rc %d" % (i + 1, rr.returncode)
        out = under_load(port, shape, cycles, reload, together)
        out["pm2_version"] = version
        return out
    finally:
        daemon = pm2_daemon(d)
        if daemon:
            app_pids.update(zf_apps.descendants(daemon))
            os.kill(daemon, signal.SIGTERM)
            zf_apps.await_gone([daemon], 15)
        for p in app_pids:
            if zf_apps.alive(p):
                os.kill(p, signal.SIGKILL)
        shutil.rmtree(d, ignore_errors=True)


def pm2_daemon(d):
    try:
        with open(d + "/pm2home/pm2.pid") as f:
            pid = int(f.read().strip())
        return pid if zf_apps.alive(pid) else None
    except (OSError, ValueError):
        return None


def gunicorn_side_by_side(steward, cycles, shape, together=True):
    return {"steward": guard(bench_gunicorn, [steward, "supervisord"], True, cycles, shape, together),
            "supervisord": guard(bench_gunicorn, ["/usr/bin/supervisord"], False, cycles, shape, together)}


def progress(line):
    print("zerofail %s %s" % (time.strftime("%H:%M:%S"), line), flush=True)


def guard(fn, *args):
    """A row that fails is reported with its error; the others still run."""
    t = time.time()
    try:
        out = fn(*args)
        progress("%s done in %.0f s" % (fn.__name__, time.time() - t))
        return out
    except Exception as e:  # noqa: BLE001 - the row reports any failure as its figure
        progress("%s failed after %.0f s: %s" % (fn.__name__, time.time() - t, type(e).__name__))
        return {"error": "%s: %s" % (type(e).__name__, str(e)[-500:]), "seconds": round(time.time() - t, 1)}

