"""Issue 24's acceptance row, bounded: `steward run` and supervisord 4.2.5, each as the PID 1 of a PID
namespace of its own (unshare, so root), under a program that double-forks short-lived orphans for
--seconds (60 by default). Samples every second the daemon's zombie children and resident memory;
prints, per daemon, the orphans made, the most zombies at once, the zombies 2 s after the storm and
the resident memory at the storm's start and end. Usage: bench/orphan_storm.py [--seconds N]"""
import argparse
import os
import shutil
import signal
import subprocess
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
STEWARD = os.path.join(HERE, "..", "bin", "steward")
STORM = ("/bin/sh -c 'end=$(($(date +%%%%s) + %d)); n=0; while [ $(date +%%%%s) -lt $end ]; do"
         " for j in 1 2 3 4 5 6 7 8 9 10; do (sleep 0.05 &); done; n=$((n + 10)); sleep 0.05; done;"
         " echo $n > %s; exec sleep 1000'")


def children(pid):
    out = []
    for task in os.listdir("/proc/%d/task" % pid):
        with open("/proc/%d/task/%s/children" % (pid, task)) as f:
            out += [int(c) for c in f.read().split()]
    return out


def zombies(pid):
    n = 0
    for c in children(pid):
        try:
            with open("/proc/%d/stat" % c) as f:
                n += f.read().rsplit(")", 1)[1].split()[0] == "Z"
        except OSError:
            pass
    return n


def rss_mib(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    return 0.0


def start(name, d, seconds):
    made = os.path.join(d, "made")
    program = "[program:storm]\ncommand=%s\nstartsecs=0\n" % (STORM % (seconds, made))
    env = dict(os.environ, STEWARD_NO_BUILD="1")
    if name == "supervisord":
        conf = os.path.join(d, "supervisord.conf")
        with open(conf, "w") as f:
            f.write("[supervisord]\nlogfile=%s/sd.log\npidfile=%s/sd.pid\nchildlogdir=%s\n\n%s" % (d, d, d, program))
        cmd = ["/usr/bin/supervisord", "-n", "-c", conf]
    else:
        tree = os.path.join(d, "tree")
        os.makedirs(os.path.join(tree, "app"))
        with open(os.path.join(tree, "dotcloud.yml"), "w") as f:
            f.write("work:\n  type: python-worker\n  approot: app\n")
        with open(os.path.join(tree, "app", "supervisord.conf"), "w") as f:
            f.write(program)
        home = os.path.join(d, "home")
        subprocess.run([STEWARD, "deploy", "--home", home, tree], check=True, stdout=subprocess.DEVNULL, env=env)
        cmd = [STEWARD, "run", "--home", home, "--socket", home + "/run/s.sock", "--log-dir", home + "/log", "--quiet"]
    p = subprocess.Popen(["unshare", "--pid", "--fork", "--mount-proc"] + cmd, env=env,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline:
        kids = children(p.pid)
        if kids:
            return p, kids[0], made
        time.sleep(0.1)
    raise SystemExit(name + " did not start")


def row(name, seconds):
    d = tempfile.mkdtemp(prefix="orphans-")
    p, daemon, made = start(name, d, seconds)
    try:
        time.sleep(3)  # started, the storm under way
        rss0, most = rss_mib(daemon), 0
        deadline = time.time() + seconds + 120
        while not os.path.exists(made):
            if time.time() > deadline:
                raise SystemExit(name + ": the storm did not end; see " + d)
            most = max(most, zombies(daemon))
            time.sleep(1)
        time.sleep(2)
        with open(made) as f:
            n = int(f.read().strip() or 0)
        print("%-12s %8d orphans  most zombies %5d  zombies after %4d  RSS %.0f -> %.0f MiB"
              % (name, n, most, zombies(daemon), rss0, rss_mib(daemon)), flush=True)
    finally:
        os.kill(daemon, signal.SIGTERM)
        try:
            p.wait(60)
        except subprocess.TimeoutExpired:
            p.kill()
        shutil.rmtree(d, ignore_errors=True)


def main():
    a = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    a.add_argument("--seconds", type=int, default=60)
    args = a.parse_args()
    if os.geteuid() != 0:
        raise SystemExit("needs root (a PID namespace)")
    for name in ("steward", "supervisord"):
        row(name, args.seconds)


if __name__ == "__main__":
    main()
