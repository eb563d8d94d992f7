"""The rows of bench/run measured on one daemon at a time: RPC at scale, restarts, log drain, deploy."""
import hashlib
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import tempfile
import threading
import time

from daemons import HERE, LOG_LINE, CLK_TCK, Daemon, RawClient, cpu_ticks, pctl, pids_with, proc_status


def bench_scale(command, n, measure_rpc):
    marker = "86400.%d%d" % (os.getpid(), n)
    programs = "".join("[program:p%03d]\ncommand=sleep %s\nstartsecs=1\n" % (i, marker) for i in range(n))
    d = Daemon(command, programs)
    try:
        row = {"n": n, "socket_up_s": d.socket_up}
        row["all_running_s"] = d.wait_running(n)
        time.sleep(1.0)
        row["rss_mb"] = round(proc_status(d.pid, "VmRSS") / 1024, 1)
        row["threads"] = proc_status(d.pid, "Threads")
        if measure_rpc:
            raw = RawClient(d.dir + "/sock")
            for _ in range(50):
                raw.get()
            lat = []
            for _ in range(300):
                t = time.perf_counter()
                raw.get()
                lat.append((time.perf_counter() - t) * 1000)
            raw.close()
            row["getall_p50_ms"] = round(statistics.median(lat), 3)
            row["getall_p95_ms"] = round(pctl(lat, 0.95), 3)
            count = [0] * 8
            stop_at = time.time() + 3

            def worker(k):
                c = RawClient(d.dir + "/sock")
                while time.time() < stop_at:
                    c.get()
                    count[k] += 1
                c.close()

            threads = [threading.Thread(target=worker, args=(k,)) for k in range(8)]
            [t.start() for t in threads]
            [t.join() for t in threads]
            row["getall_8clients_rps"] = round(sum(count) / 3, 1)
            time.sleep(1.0)
            c0, t0 = cpu_ticks(d.pid), time.time()
            time.sleep(5)
            row["idle_cpu_pct"] = round(100.0 * (cpu_ticks(d.pid) - c0) / CLK_TCK / (time.time() - t0), 2)
            row["rss_after_rpc_mb"] = round(proc_status(d.pid, "VmRSS") / 1024, 1)
        row["shutdown_s"] = round(d.stop(), 3)
        time.sleep(0.2)
        row["left_after_shutdown"] = len(pids_with(marker))
        return row
    finally:
        for p in pids_with(marker):
            os.kill(p, 9)
        d.cleanup()


def bench_restart(command, programs=1, cycles=50):
    """Exit of a program that ran >= 1 s -> its new process started. bash stamps both moments
    with $EPOCHREALTIME (no fork), so the gap is the daemon's reaction plus one bash start.
    One program, as a lone crashing service: with several, other exits wake supervisord's poll
    loop early and hide its 1 s tick."""
    body = ("[program:cycle%d]\ncommand=/bin/bash -c 'echo \"start $EPOCHREALTIME\" >> {d}/cycle%d.txt; sleep 1.05; "
            "echo \"end $EPOCHREALTIME\" >> {d}/cycle%d.txt; exit 3'\nstartsecs=1\nautorestart=true\n")
    d = Daemon(command, "".join(body % (i, i, i) for i in range(programs)))
    try:
        deadline = time.time() + 5 * cycles + 30
        def done():
            total = 0
            for i in range(programs):
                try:
                    with open("%s/cycle%d.txt" % (d.dir, i)) as f:
                        total += sum(1 for l in f if l.startswith("start"))
                except OSError:
                    pass
            return total
        while done() < programs * (cycles + 1) and time.time() < deadline:
            time.sleep(0.1)
        d.stop()
        gaps = []
        for i in range(programs):
            with open("%s/cycle%d.txt" % (d.dir, i)) as f:
                lines = [l.split() for l in f]
            gaps += [(float(b[1]) - float(a[1])) * 1000 for a, b in zip(lines, lines[1:])
                     if a[0] == "end" and b[0] == "start"]
        return {"restart_gap_ms_median": round(statistics.median(gaps), 2), "restart_gap_ms_p95": round(pctl(gaps, .95), 2),
                "restarts": len(gaps)}
    finally:
        d.cleanup()


def expected_digest(nbytes):
    line = (LOG_LINE + "\n").encode()
    block = line * (1 << 16)
    h = hashlib.sha256()
    left = nbytes
    while left > 0:
        take = min(left, len(block))
        h.update(block[:take])
        left -= take
    return h.hexdigest()


def kept_digest(logdir, base, backups):
    h = hashlib.sha256()
    total = 0
    for name in ["%s.%d" % (base, i) for i in range(backups, 0, -1)] + [base]:
        path = os.path.join(logdir, name)
        if os.path.exists(path):
            with open(path, "rb") as f:
                while True:
                    chunk = f.read(1 << 20)
                    if not chunk:
                        break
                    h.update(chunk)
                    total += len(chunk)
    return h.hexdigest(), total


def timed_pipe(nbytes, sink):
    t = time.time()
    subprocess.run("yes '%s' | head -c %d > %s" % (LOG_LINE, nbytes, sink), shell=True, check=True)
    return time.time() - t


def bench_logs(command, mb):
    nbytes = mb * 1000 * 1000
    programs = ("[program:chatty]\ncommand=/bin/bash -c \"echo $$ > {d}/chatty.pid; echo $EPOCHREALTIME > {d}/chatty.start; "
                "yes '%s' | head -c %d; echo $EPOCHREALTIME > {d}/chatty.done; exec sleep 100000\"\n"
                "startsecs=0\nautorestart=false\nstdout_logfile={d}/logs/chatty.log\n"
                "stdout_logfile_maxbytes=100MB\nstdout_logfile_backups=10\n") % (LOG_LINE, nbytes)
    d = Daemon(command, programs)
    try:
        done = d.dir + "/chatty.done"
        deadline = time.time() + 300
        while not (os.path.exists(done) and os.path.getsize(done) > 0) and time.time() < deadline:
            time.sleep(0.01)
        start = float(open(d.dir + "/chatty.start").read())
        writer_s = float(open(done).read()) - start
        # everything written must be in the files: wait for the daemon to drain the pipe
        logdir = d.dir + "/logs"
        while time.time() < deadline:
            sizes = sum(os.path.getsize(os.path.join(logdir, f)) for f in os.listdir(logdir) if f.startswith("chatty.log"))
            if sizes >= nbytes:
                break
            time.sleep(0.05)
        drained_s = time.time() - start
        digest, total = kept_digest(logdir, "chatty.log", 10)
        d.stop()
        raw_s = timed_pipe(nbytes, d.dir + "/raw.log")
        return {"log_mb": mb, "log_drain_s": round(max(writer_s, 0), 3), "log_all_in_files_s": round(drained_s, 3),
                "raw_pipe_s": round(raw_s, 3), "log_bytes_kept": total,
                "log_byte_exact": digest == expected_digest(nbytes) and total == nbytes}
    finally:
        end_own_child(d.dir + "/chatty.pid", b"sleep\x00100000\x00")
        d.cleanup()


def end_own_child(pidfile, cmdline):
    """Kills the program whose pid it wrote (its shell exec'd the sleep, keeping the pid), if that pid
    still runs that command line: never another user's process with a like name, as pkill -f would."""
    try:
        pid = int(open(pidfile).read())
        with open("/proc/%d/cmdline" % pid, "rb") as f:
            if f.read() == cmdline:
                os.kill(pid, signal.SIGKILL)
    except (OSError, ValueError):
        pass  # never started, or already gone with the daemon


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_ok(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as c:
            c.sendall(b"GET / HTTP/1.0\r\n\r\n")
            return c.recv(64).startswith(b"HTTP/1.1 200")
    except OSError:
        return False


def bench_deploy(steward):
    """Steward only (supervisord has no build or deploy): redeploy of the ramen sample with a running
    agent, an edited server.js, and a rebuild with unchanged dependencies."""
    import re
    work = tempfile.mkdtemp(prefix="stewdeploy")
    tree, home = work + "/tree", work + "/home"
    shutil.copytree(os.path.join(HERE, "..", "samples", "ramen-on-dotcloud"), tree,
                    ignore=shutil.ignore_patterns("node_modules"))
    port = free_port()
    with open(tree + "/dotcloud.yml", "a") as f:
        f.write("  environment:\n    PORT_WWW: '%d'\n" % port)
    agent = None
    try:
        def deploy():
            t = time.time()
            r = subprocess.run([steward, "deploy", "--home", home, tree], capture_output=True, text=True)
            out = r.stdout + r.stderr
            if r.returncode != 0:
                raise RuntimeError("deploy failed:\n" + out)
            gap = re.search(r"Port \d+ was unavailable for (\d+) ms", out)
            return {"wall_s": round(time.time() - t, 3), "gap_ms": int(gap.group(1)) if gap else None,
                    "npm_ran": bool(re.search(r"Running .*npm.* (install|ci)", out))}
        deploy()
        agent = subprocess.Popen([steward, "run", "--home", home, "--socket", home + "/run/s.sock",
                                  "--log-dir", home + "/log", "--quiet"], stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL, start_new_session=True)
        deadline = time.time() + 60
        while not http_ok(port) and time.time() < deadline:
            time.sleep(0.05)
        time.sleep(1.0)
        agent_rss = round(proc_status(agent.pid, "VmRSS") / 1024, 1)
        agent_threads = proc_status(agent.pid, "Threads")
        with open(tree + "/hellonode/server.js") as f:
            src = f.read()
        with open(tree + "/hellonode/server.js", "w") as f:
            f.write(src.replace("Hello World!", "Hello again!"))
        edited = deploy()
        unchanged = deploy()
        return {"redeploy_total_s": edited["wall_s"], "redeploy_gap_ms": edited["gap_ms"],
                "rebuild_unchanged_s": unchanged["wall_s"], "rebuild_unchanged_npm_ran": unchanged["npm_ran"],
                "rebuild_unchanged_gap_ms": unchanged["gap_ms"], "agent_rss_mb": agent_rss,
                "agent_threads": agent_threads, "agent_rss_after_redeploys_mb": round(proc_status(agent.pid, "VmRSS") / 1024, 1)}
    finally:
        if agent is not None:
            agent.terminate()
            agent.wait(60)
        shutil.rmtree(work, ignore_errors=True)
