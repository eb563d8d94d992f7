"""`steward up` of the whole sample app (samples/whole-app: a Node web service, a python worker,
redis and postgresql): the time from `up` to the first HTTP 200 on its port, and the RSS of
everything it runs once ready, split into Steward's JVMs (up itself and one agent per service)
and the rest (node, python, redis-server, postgres...). Ctrl-C must leave no process and no
bound port behind: the row says whether it did."""
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time

from typerows import free_port, get
from zf_apps import descendants

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLE = os.path.join(HERE, "..", "samples", "whole-app")


def rss_kb(pid):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree(pid):
    return [pid] + descendants(pid)


def is_jvm(pid):
    try:
        return os.path.basename(os.readlink("/proc/%d/exe" % pid)) == "java"
    except OSError:
        return False


def ok(port):
    try:
        return get(port, 1) == 200
    except OSError:
        return False


def bound(port):
    """Something listens on the port (SO_REUSEADDR: a connection the server closed last, in TIME_WAIT
    there, does not count: nothing serves through it)."""
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        s.bind(("", port))
        return False
    except OSError:
        return True
    finally:
        s.close()


def left_behind(marker):
    pids = []
    for p in os.listdir("/proc"):
        if p.isdigit():
            try:
                with open("/proc/%s/cmdline" % p, "rb") as f:
                    cmd = f.read().decode(errors="replace")
                cwd = os.readlink("/proc/%s/cwd" % p)
                if marker in cmd or cwd.startswith(marker):
                    pids.append(int(p))
            except OSError:
                pass
    return pids


def bench_up(steward, timeout=300):
    work = tempfile.mkdtemp(prefix="steward-up-bench-")
    os.chmod(work, 0o755)  # as root the servers run as www-data (PostgreSQL refuses root), who must enter it
    app = os.path.join(work, "whole-app")
    shutil.copytree(SAMPLE, app, ignore=shutil.ignore_patterns("node_modules"))
    port = free_port()
    env = dict(os.environ, XDG_DATA_HOME=os.path.join(work, "xdg"))
    out = open(os.path.join(work, "up.out"), "w+")
    t0 = time.monotonic()
    up = subprocess.Popen([steward, "up", app, "--port", str(port)], stdout=out, stderr=subprocess.STDOUT, env=env,
                          stdin=subprocess.DEVNULL)
    first = None
    try:
        while time.monotonic() - t0 < timeout and up.poll() is None:
            if first is None and ok(port):
                first = round(time.monotonic() - t0, 1)
            with open(out.name) as f:
                if "==> Ctrl-C stops everything" in f.read():
                    break
            time.sleep(0.2)
        if first is None:
            first = round(time.monotonic() - t0, 1) if ok(port) else None
        time.sleep(5)  # settle: the worker's first rows, the servers' caches
        pids = [p for p in tree(up.pid)]
        jvms = [p for p in pids if is_jvm(p)]
        jvm_mb = round(sum(rss_kb(p) for p in jvms) / 1024, 1)
        other_mb = round(sum(rss_kb(p) for p in pids if p not in jvms) / 1024, 1)
        with open(out.name) as f:
            text = f.read()
        services = sum(1 for line in text.splitlines() if line.startswith("==>   "))
    finally:
        up.send_signal(signal.SIGINT)
        try:
            up.wait(120)
        except subprocess.TimeoutExpired:
            up.kill()
    left = left_behind(os.path.join(work, "xdg"))
    still_bound = bound(port)
    clean = not left and not still_bound
    result = {"first_200_s": first, "jvm_rss_mb": jvm_mb, "jvms": len(jvms), "servers_rss_mb": other_mb,
              "services_running": services, "exit": up.returncode, "clean_after_ctrl_c": clean,
              "left_behind": left, "port_still_bound": still_bound}
    if clean:
        shutil.rmtree(work, ignore_errors=True)
    else:
        result["work"] = work
    return result


def table(st):
    d = st.get("up")
    if not d:
        return []
    return [("up of samples/whole-app: first HTTP 200 (s); services running", "%s; %d" % (d["first_200_s"],
                                                                                         d["services_running"]),
             "n/a", "", "", None),
            ("up of samples/whole-app: RSS of Steward's %d JVMs + the servers (MB)" % d["jvms"],
             "%s + %s" % (d["jvm_rss_mb"], d["servers_rss_mb"]), "n/a", "", "", None),
            ("up of samples/whole-app: Ctrl-C leaves no process, no bound port", "yes" if d["clean_after_ctrl_c"] else "no",
             "n/a", "", "yes", d["clean_after_ctrl_c"])]


if __name__ == "__main__":
    import json
    import sys
    print(json.dumps(bench_up(sys.argv[1]), indent=1))
