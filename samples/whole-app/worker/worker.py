"""The worker of samples/whole-app: every 2 s it writes a row to postgresql (with psql, the
client that comes with the server) and puts the row count in redis for the web page. It finds
both through the environment dotCloud gave every service: DOTCLOUD_DB_SQL_* and
DOTCLOUD_CACHE_REDIS_*. Redis's protocol is spoken directly: no pip download needed."""
import os
import signal
import socket
import subprocess
import sys
import time


def stop(signum, frame):
    print("worker: got SIGTERM, exiting", flush=True)
    sys.exit(0)


def redis(*args):
    host, port = os.environ.get("DOTCLOUD_CACHE_REDIS_HOST"), os.environ.get("DOTCLOUD_CACHE_REDIS_PORT")
    if not host or not port:
        raise RuntimeError("no DOTCLOUD_CACHE_REDIS_* in the environment")
    commands = [args]
    password = os.environ.get("DOTCLOUD_CACHE_REDIS_PASSWORD")
    if password:
        commands.insert(0, ("AUTH", password))
    wire = b""
    for c in commands:
        wire += b"*%d\r\n" % len(c) + b"".join(b"$%d\r\n%s\r\n" % (len(str(a).encode()), str(a).encode()) for a in c)
    with socket.create_connection((host, int(port)), timeout=2) as s:
        s.sendall(wire)
        reply = s.recv(4096).decode()
    if "-ERR" in reply or "-WRONGPASS" in reply or "-NOAUTH" in reply:
        raise RuntimeError("redis said " + reply.strip())
    return reply


def psql(sql):
    env = dict(os.environ, PGPASSWORD=os.environ.get("DOTCLOUD_DB_SQL_PASSWORD", ""))
    args = ["psql", "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1",
            "-h", os.environ["DOTCLOUD_DB_SQL_HOST"], "-p", os.environ["DOTCLOUD_DB_SQL_PORT"],
            "-U", os.environ.get("DOTCLOUD_DB_SQL_LOGIN", "root"), "-d", "postgres", "-c", sql]
    return subprocess.run(args, env=env, check=True, capture_output=True, text=True, timeout=10).stdout.strip()


signal.signal(signal.SIGTERM, stop)
if "DOTCLOUD_DB_SQL_HOST" not in os.environ:
    print("worker: no DOTCLOUD_DB_SQL_* in the environment (is the db service running?); idle", flush=True)
print("worker started (instance %s)" % os.environ.get("DOTCLOUD_SERVICE_ID"), flush=True)
while True:
    if "DOTCLOUD_DB_SQL_HOST" in os.environ:
        try:
            psql("CREATE TABLE IF NOT EXISTS ticks (at timestamptz DEFAULT now())")
            rows = psql("INSERT INTO ticks DEFAULT VALUES; SELECT count(*) FROM ticks")
            redis("SET", "worker:rows", rows)
            print("worker: %s rows" % rows, flush=True)
        except (OSError, RuntimeError, subprocess.SubprocessError) as e:
            print("worker: " + str(e), file=sys.stderr, flush=True)
    time.sleep(2)
