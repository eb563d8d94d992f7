"""What the zero-failed-request rows share: an agent (`steward run`) in a fresh home driven by the
real /usr/bin/supervisorctl, process trees ended by pid, and which process holds a TCP connection."""
import os
import re
import shutil
import signal
import subprocess
import time

import typerows

SUPERVISORCTL = "/usr/bin/supervisorctl"


def descendants(pid):
    children, out, todo = typerows.children_map(), [], [pid]
    while todo:
        q = todo.pop()
        for c in children.get(q, []):
            out.append(c)
            todo.append(c)
    return out


def alive(pid):
    """True while pid exists and is not a zombie."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def await_gone(pids, deadline_s):
    end = time.monotonic() + deadline_s
    while time.monotonic() < end and any(alive(p) for p in pids):
        time.sleep(0.02)
    return not any(alive(p) for p in pids)


def end_tree(proc, grace_s=60):
    """SIGTERM to a process we started (its own session), wait, then SIGKILL whatever of its tree is
    left (by pid: the programs it started, detached drainers included)."""
    tree = descendants(proc.pid)
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(grace_s)
        except subprocess.TimeoutExpired:
            tree = descendants(proc.pid) + tree
            proc.kill()
            proc.wait(10)
    for p in set(tree):
        if alive(p):
            try:
                os.kill(p, signal.SIGKILL)
            except OSError:
                pass


def status(sock):
    """{name: (state, pid)} from `supervisorctl status`."""
    r = subprocess.run([SUPERVISORCTL, "-s", "unix://" + sock, "status"], capture_output=True, text=True, timeout=30)
    out = {}
    for line in r.stdout.splitlines():
        m = re.match(r"(\S+)\s+(\S+)\s*(?:pid (\d+))?", line)
        if m:
            out[m.group(1)] = (m.group(2), int(m.group(3)) if m.group(3) else None)
    return out


def ctl(sock, *args, timeout=120):
    r = subprocess.run([SUPERVISORCTL, "-s", "unix://" + sock] + list(args), capture_output=True, text=True,
                       timeout=timeout)
    return r.returncode, (r.stdout + r.stderr).strip()


def await_state(sock, pred, deadline_s=30):
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        st = status(sock)
        if pred(st):
            return st
        time.sleep(0.05)
    return None


def conn_owners(port):
    """{peer port: pid} for established TCP connections whose local port is `port` (the server side),
    from `ss -tnp`."""
    r = subprocess.run(["ss", "-Htnp", "state", "established", "( sport = :%d )" % port], capture_output=True,
                       text=True, timeout=10)
    out = {}
    for line in r.stdout.splitlines():
        parts = line.split()
        if len(parts) < 4:
            continue
        peer = parts[3].rsplit(":", 1)[-1]
        pids = re.findall(r"pid=(\d+)", line)
        if peer.isdigit() and pids:
            out[int(peer)] = [int(p) for p in pids]
    return out


class Agent(typerows.Agent):
    """As typerows' agent (a copy of the sample, PORT_WWW on a free port, `steward run` in a fresh
    home), with extra `steward run` arguments, ended by pid, driven by the real supervisorctl."""

    def __init__(self, steward, sample, work, tree_edit=None, extra_args=()):
        self.steward, self.tree, self.home = steward, work + "/tree", work + "/home"
        self.sock = self.home + "/run/s.sock"
        copy_sample(sample, self.tree)
        if tree_edit:
            tree_edit(self.tree)
        self.port = typerows.free_port()
        with open(self.tree + "/dotcloud.yml", "a") as f:
            f.write("  environment:\n    PORT_WWW: '%d'\n" % self.port)
        self.proc = subprocess.Popen([steward, "run", "--home", self.home, "--socket", self.sock, "--log-dir",
                                      self.home + "/log", "--quiet"] + list(extra_args), stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL, start_new_session=True)
        end = time.monotonic() + 60
        while not os.path.exists(self.home + "/.steward/agent.json") and time.monotonic() < end:
            time.sleep(0.02)

    def push(self):
        if typerows.push_to_first_200(self) is None:
            raise RuntimeError("no HTTP 200 on port %d within 180 s of the first deploy" % self.port)

    def ctl(self, *args, timeout=120):
        return ctl(self.sock, *args, timeout=timeout)

    def status(self):
        return status(self.sock)

    def stop(self):
        end_tree(self.proc)


def programs_conf(home):
    """The current release's generated programs.conf text (empty when none)."""
    rel = os.path.join(home, ".steward", "releases")
    try:
        newest = max((os.path.join(rel, d) for d in os.listdir(rel)), key=os.path.getmtime)
        with open(os.path.join(newest, "programs.conf")) as f:
            return f.read()
    except (OSError, ValueError):
        return ""


def program_keys(conf_text, key, default):
    """{program: value of key (int)} per [program:x] section."""
    out, cur = {}, None
    for line in conf_text.splitlines():
        m = re.match(r"\s*\[program:([^\]]+)\]", line)
        if m:
            cur = m.group(1)
            out[cur] = default
            continue
        m = re.match(r"\s*%s\s*=\s*(\d+)" % key, line)
        if m and cur:
            out[cur] = int(m.group(1))
    return out


def copy_sample(sample, dest):
    shutil.copytree(os.path.join(typerows.SAMPLES, sample), dest, ignore=shutil.ignore_patterns("node_modules"))
