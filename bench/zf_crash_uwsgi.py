"""The uWSGI worker crash row of issue 20: the python sample behind nginx, its uWSGI with 4 sync
workers and an app that takes 50 ms an answer, SIGKILL one worker at a time under 100 req/s. A sync
worker holds at most the one request it is answering (the others wait in the held socket's backlog,
which the master and the other workers keep open), so the bound is one failed request per kill, and
none among requests sent after the worker died."""
import os
import shutil
import signal
import tempfile
import time

import zf_apps
from zf_events import classify, paced_workers
from zf_load import Paced

APP = '''import time


def application(environ, start_response):
    time.sleep(0.05)
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"uwsgi worker %d\\n" % __import__("os").getpid()]
'''


def bench_crash_uwsgi(steward, kills=4):
    work = tempfile.mkdtemp(prefix="zfuwsgi")

    def edit(tree):
        with open(tree + "/app/wsgi.py", "w") as f:
            f.write(APP)
        with open(tree + "/dotcloud.yml") as f:
            yml = f.read()
        with open(tree + "/dotcloud.yml", "w") as f:
            f.write(yml.replace("uwsgi_processes: 2", "uwsgi_processes: 4"))
    agent = zf_apps.Agent(steward, "python-app", work, tree_edit=edit)
    try:
        agent.push()
        events = []
        with Paced(agent.port, 100) as load:
            for _ in range(kills):
                _, w = paced_workers(agent, "uwsgi")
                t_kill = time.time()
                os.kill(w[0], signal.SIGKILL)
                zf_apps.await_gone([w[0]], 10)
                events.append((t_kill, time.time()))
            time.sleep(1.5)
        s = load.summary()
        c = classify(load.records, events)
        return {"kills": kills, "load": s, "failed": s["failed"], "bound": kills,
                "failed_in_flight": c["in_flight"], "failed_sent_after_death": c["after_death"],
                "failed_other": c["other"]}
    finally:
        agent.stop()
        shutil.rmtree(work, ignore_errors=True)


def rows(d):
    return [("crash (SIGKILL) of one of 4 uWSGI workers behind nginx (python), x%d: failed / bound (one request a "
             "sync worker holds, per kill); failed in flight at a kill, sent after, other" % d["kills"],
             "%d / %d; %d, %d, %d (of %d)" % (d["failed"], d["bound"], d["failed_in_flight"],
                                              d["failed_sent_after_death"], d["failed_other"], d["load"]["requests"]),
             "", "failed <= held, 0 after", d["failed"] <= d["bound"] and d["failed_sent_after_death"] == 0)]
