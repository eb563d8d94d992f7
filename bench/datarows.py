"""Data service rows of bench/run (Steward only): for each data type Steward runs, the agent's own
memory in a data service's container beside the server's (RSS and USS from smaps_rollup, the server
being every process under the agent: postgres and its workers, epmd and RabbitMQ's VM…), once the
server is ready; and how long the first start took (deploy into a fresh home, then `steward run`
until the server's ready= check passed: initdb / mariadb-install-db included).

  python3 bench/datarows.py bin/steward [TYPE ...]
"""
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time

from daemons import rollup_mb
from typerows import children_map

TYPES = ["redis", "postgresql", "mysql", "rabbitmq", "memcached"]


def free_ports(n):
    while True:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            p = s.getsockname()[1]
        if p + n >= 65536:
            continue
        ok = True
        for i in range(1, n):
            try:
                with socket.socket() as s:
                    s.bind(("127.0.0.1", p + i))
            except OSError:
                ok = False
        if ok:
            return p


def descendants(pid):
    children = children_map()
    out, todo = [], [pid]
    while todo:
        for c in children.get(todo.pop(), []):
            out.append(c)
            todo.append(c)
    return out


def total(pids):
    sums = {"rss": 0.0, "uss": 0.0}
    for p in pids:
        try:
            r = rollup_mb(p)
        except OSError:
            continue
        sums["rss"] += r["rss"]
        sums["uss"] += r["uss"]
    return {k: round(v, 1) for k, v in sums.items()}


def bench_one(steward, kind):
    base = tempfile.mkdtemp(prefix="steward-data-")
    os.chmod(base, 0o755)  # the server's user (www-data when run as root) enters it
    tree, home = os.path.join(base, "tree"), os.path.join(base, "home")
    os.makedirs(tree)
    with open(os.path.join(tree, "dotcloud.yml"), "w") as f:
        f.write("data:\n  type: %s\n" % kind)
    port_name = {"redis": "REDIS", "postgresql": "SQL", "mysql": "MYSQL", "rabbitmq": "AMQP", "memcached": "MEMCACHED"}[kind]
    port = free_ports(3)
    agent = None
    t0 = time.time()
    try:
        subprocess.run([steward, "deploy", "--home", home, "--service", "data", "--env", "PORT_%s=%d" % (port_name, port), tree],
                       check=True, stdout=subprocess.DEVNULL)
        log = os.path.join(home, "log", "supervisord.log")
        agent = subprocess.Popen([steward, "run", "--drain-delay", "0", "--home", home, "--socket",
                                  os.path.join(home, "run", "s.sock"), "--log-dir", os.path.join(home, "log")],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 300
        while time.time() < deadline:
            text = open(log).read() if os.path.exists(log) else ""
            spawned = set(re.findall(r"spawned: '([^']+)'", text))
            if spawned and all("success: %s entered RUNNING" % p in text for p in spawned):
                break
            time.sleep(0.1)
        else:
            raise RuntimeError("%s never became ready" % kind)
        first = round(time.time() - t0, 2)
        time.sleep(2.0)
        own = rollup_mb(agent.pid)
        server = total(descendants(agent.pid))
        return {"agent_rss_mb": own["rss"], "agent_uss_mb": own["uss"], "server_rss_mb": server["rss"],
                "server_uss_mb": server["uss"], "first_start_s": first}
    finally:
        if agent is not None:
            agent.terminate()
            agent.wait(120)
        shutil.rmtree(base, ignore_errors=True)


def bench_data(steward, types=None):
    return {k: bench_one(steward, k) for k in (types or TYPES)}


def table(st):
    """The rows for bench/run's table: (name, steward, supervisord, ratio, goal, met)."""
    rows = []
    for kind, d in st.get("data", {}).items():
        rows.append(("%s service: agent RSS / USS beside the server's RSS / USS (MB)" % kind,
                     "%s / %s beside %s / %s" % (d["agent_rss_mb"], d["agent_uss_mb"], d["server_rss_mb"], d["server_uss_mb"]),
                     "n/a", "", "", None))
        rows.append(("%s service: first start, deploy to ready (s)" % kind, d["first_start_s"], "n/a", "", "", None))
    return rows


if __name__ == "__main__":
    print(json.dumps(bench_data(sys.argv[1], sys.argv[2:] or None), indent=1))
