"""Forwards PROCESS_LOG events to its stderr (stderr_logfile=/dev/stdout), one prefixed line per line."""
import sys

from supervisor import childutils

while True:
    headers, payload = childutils.listener.wait(sys.stdin, sys.stdout)
    pheaders, data = childutils.eventdata(payload)
    for line in data.splitlines():
        sys.stderr.write('%s %s | %s\n' % (pheaders['processname'], pheaders['channel'], line))
    sys.stderr.flush()
    childutils.listener.ok(sys.stdout)
