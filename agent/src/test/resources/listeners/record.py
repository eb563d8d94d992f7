"""Records every event it receives (header and payload, as JSON, one per line) into argv[1]; answers OK
(after N seconds with a --delay=N argument: a slow forwarder; other arguments are markers)."""
import json
import sys
import time

from supervisor import childutils

with open(sys.argv[1], 'a') as out:
    while True:
        headers, payload = childutils.listener.wait(sys.stdin, sys.stdout)
        for arg in sys.argv[2:]:
            if arg.startswith('--delay='):
                time.sleep(float(arg[len('--delay='):]))
        headers['len_ok'] = int(headers['len']) == len(payload)
        out.write(json.dumps([headers, payload], sort_keys=True) + '\n')
        out.flush()
        childutils.listener.ok(sys.stdout)
