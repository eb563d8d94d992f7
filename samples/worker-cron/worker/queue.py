"""A background worker with no port: processes job files dropped in ~/data/queue (the crontab
drops one every minute) and logs each one."""
import os
import signal
import sys
import time

QUEUE = os.path.join(os.environ.get("HOME", "."), "data", "queue")


def stop(signum, frame):
    print("Got SIGTERM exiting...", flush=True)
    sys.exit(0)


signal.signal(signal.SIGTERM, stop)
os.makedirs(QUEUE, exist_ok=True)
print("worker watching " + QUEUE, flush=True)
while True:
    for name in sorted(os.listdir(QUEUE)):
        path = os.path.join(QUEUE, name)
        with open(path) as f:
            print("processed job %s: %s" % (name, f.read().strip()), flush=True)
        os.unlink(path)
    time.sleep(0.5)
