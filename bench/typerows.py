"""Service-type rows of bench/run (Steward only): per web type, push -> first HTTP 200 through a
running agent, a rebuild with unchanged dependencies (the dependency step must be skipped), and
the RSS its stack adds (every process under the agent); then failed requests during 10 redeploys
at a constant 100 req/s, for each stack with nginx in front (handover) and for the Node sample."""
import concurrent.futures
import http.client
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLES = os.path.join(HERE, "..", "samples")
WEB = [("python", "python-app", "app/wsgi.py"), ("static", "static-site", "site/index.html"),
       ("php", "php-app", "www/index.php"), ("ruby", "ruby-app", "app/config.ru"), ("perl", "perl-app", "app/app.psgi")]
SKIPPED = re.compile(r"(unchanged: reusing|Gemfile unchanged|dependencies unchanged)")


def free_port():
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port, timeout=3):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        c.request("GET", "/")
        r = c.getresponse()
        r.read()
        return r.status
    finally:
        c.close()


def status_or_error(port):
    try:
        return get(port)
    except OSError as e:
        return type(e).__name__


class ConstantRate:
    """Sends GET / at a fixed rate, each on a new connection from a pool of threads, so a slow answer
    never delays the next request; counts answers other than 200."""

    def __init__(self, port, rate):
        self.port, self.rate = port, rate
        self.sent, self.failed, self.kinds = 0, 0, {}
        self._stop = threading.Event()
        self._pool = concurrent.futures.ThreadPoolExecutor(64)
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _one(self):
        s = status_or_error(self.port)
        with self._lock:
            self.sent += 1
            if s != 200:
                self.failed += 1
                self.kinds[str(s)] = self.kinds.get(str(s), 0) + 1

    def _run(self):
        t0, i = time.monotonic(), 0
        while not self._stop.is_set():
            due = t0 + i / self.rate
            delay = due - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            self._pool.submit(self._one)
            i += 1

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self._pool.shutdown(wait=True)


def children_map():
    """{ppid: [pid, ...]} of every process, from /proc."""
    children = {}
    for p in os.listdir("/proc"):
        if p.isdigit():
            try:
                with open("/proc/%s/stat" % p) as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(p))
            except (OSError, IndexError, ValueError):
                pass
    return children


def descendants_rss_mb(pid):
    children = children_map()
    total, todo = 0, list(children.get(pid, []))
    while todo:
        q = todo.pop()
        todo.extend(children.get(q, []))
        try:
            with open("/proc/%d/status" % q) as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
        except OSError:
            pass
    return round(total / 1024, 1)


class Agent:
    def __init__(self, steward, sample, work):
        self.steward, self.tree, self.home = steward, work + "/tree", work + "/home"
        shutil.copytree(os.path.join(SAMPLES, sample), self.tree, ignore=shutil.ignore_patterns("node_modules"))
        self.port = free_port()
        with open(self.tree + "/dotcloud.yml", "a") as f:
            f.write("  environment:\n    PORT_WWW: '%d'\n" % self.port)
        self.proc = subprocess.Popen([steward, "run", "--home", self.home, "--socket", self.home + "/run/s.sock",
                                      "--log-dir", self.home + "/log", "--quiet"], stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL, start_new_session=True)
        deadline = time.time() + 30
        while not os.path.exists(self.home + "/.steward/agent.json") and time.time() < deadline:
            time.sleep(0.02)

    def deploy(self):
        t = time.time()
        r = subprocess.run([self.steward, "deploy", "--home", self.home, self.tree], capture_output=True, text=True)
        out = r.stdout + r.stderr
        if r.returncode != 0:
            raise RuntimeError("deploy failed:\n" + out)
        return time.time() - t, out

    def edit(self, rel):
        path = os.path.join(self.tree, rel)
        with open(path, "a") as f:
            f.write("\n" if not rel.endswith(".html") else "<!-- %d -->\n" % time.time_ns())

    def stop(self):
        self.proc.terminate()
        self.proc.wait(60)


def push_to_first_200(agent):
    t = time.time()
    r = subprocess.Popen([agent.steward, "deploy", "--home", agent.home, agent.tree], stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT, text=True)
    deadline = t + 180
    while time.time() < deadline:
        if status_or_error(agent.port) == 200:
            first = time.time() - t
            break
        time.sleep(0.02)
    else:
        first = None
    out = r.communicate()[0]
    if r.returncode != 0:
        raise RuntimeError("deploy failed:\n" + out)
    return first


def bench_types(steward):
    out = {}
    for label, sample, source in WEB:
        work = tempfile.mkdtemp(prefix="stewtype")
        agent = Agent(steward, sample, work)
        try:
            first = push_to_first_200(agent)
            agent.edit(source)
            secs, log = agent.deploy()
            time.sleep(1)
            out[label] = {"push_to_first_200_s": round(first, 3) if first else None, "rebuild_unchanged_s": round(secs, 3),
                          "dependency_step_skipped": bool(SKIPPED.search(log)) or label == "static",
                          "stack_rss_mb": descendants_rss_mb(agent.proc.pid)}
        finally:
            agent.stop()
            shutil.rmtree(work, ignore_errors=True)
    return out


ZERO_DROP = [("python", "python-app", "app/wsgi.py"), ("php", "php-app", "www/index.php"), ("ruby", "ruby-app", "app/config.ru"),
             ("perl", "perl-app", "app/app.psgi"), ("nodejs", "ramen-on-dotcloud", "hellonode/server.js")]


def bench_zero_drop(steward, redeploys=10, rate=100, types=None):
    out = {}
    for label, sample, source in ZERO_DROP:
        if types is not None and label not in types:
            continue
        work = tempfile.mkdtemp(prefix="stewdrop")
        agent = Agent(steward, sample, work)
        try:
            push_to_first_200(agent)
            with ConstantRate(agent.port, rate) as client:
                for _ in range(redeploys):
                    agent.edit(source)
                    agent.deploy()
            out[label] = {"requests": client.sent, "failed": client.failed, "kinds": client.kinds}
        finally:
            agent.stop()
            shutil.rmtree(work, ignore_errors=True)
    return out


if __name__ == "__main__":
    import json
    import sys
    st = sys.argv[1]
    print(json.dumps({"types": bench_types(st), "zero_drop": bench_zero_drop(st)}, indent=1))


def table(st):
    """The rows for bench/run's table: (name, steward, supervisord, ratio, goal, met)."""
    rows = []
    for label, d in st.get("types", {}).items():
        rows.append(("%s: push to first HTTP 200 (s)" % label, d["push_to_first_200_s"], "n/a", "", "", None))
        skipped = d["dependency_step_skipped"]
        rows.append(("%s: rebuild with unchanged deps (s); dependency step skipped" % label,
                     "%s; %s" % (d["rebuild_unchanged_s"], "yes" if skipped else "no"), "n/a", "", "<= 2 s, skipped",
                     d["rebuild_unchanged_s"] <= 2 and skipped))
        rows.append(("%s: RSS the stack adds (MB)" % label, d["stack_rss_mb"], "n/a", "", "", None))
    for label, d in st.get("zero_drop", {}).items():
        rows.append(("%s: failed requests, 10 redeploys at 100 req/s" % label, "%d of %d" % (d["failed"], d["requests"]),
                     "n/a", "", "0" if label != "nodejs" else "", d["failed"] == 0 if label != "nodejs" else None))
    return rows
