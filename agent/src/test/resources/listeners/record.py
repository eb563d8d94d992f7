"""Records every event it receives (header and payload, as JSON, one per line) into argv[1]; answers OK
(after argv[2] seconds, if given: a slow forwarder)."""
import json
import sys
import time

from supervisor import childutils

with open(sys.argv[1], 'a') as out:
    while True:
        headers, payload = childutils.listener.wait(sys.stdin, sys.stdout)
        if len(sys.argv) > 2:
            time.sleep(float(sys.argv[2]))
        headers['len_ok'] = int(headers['len']) == len(payload)
        out.write(json.dumps([headers, payload], sort_keys=True) + '\n')
        out.flush()
        childutils.listener.ok(sys.stdout)
