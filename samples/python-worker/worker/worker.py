"""A background worker: `python` is the virtualenv's (HOME/env/bin first on PATH), so the
requirements are importable; it reports once a second until stopped."""
import signal
import sys
import time

import greeting

running = True


def stop(signum, frame):
    global running
    running = False


signal.signal(signal.SIGTERM, stop)
print("worker started with", sys.executable, flush=True)
n = 0
while running:
    n += 1
    print("tick", n, greeting.hello("worker"), flush=True)
    time.sleep(1)
print("worker stopped after", n, "ticks", flush=True)
