"""Records every event it receives (header and payload, as JSON, one per line) into argv[1]; answers OK."""
import json
import sys

from supervisor import childutils

with open(sys.argv[1], 'a') as out:
    while True:
        headers, payload = childutils.listener.wait(sys.stdin, sys.stdout)
        headers['len_ok'] = int(headers['len']) == len(payload)
        out.write(json.dumps([headers, payload], sort_keys=True) + '\n')
        out.flush()
        childutils.listener.ok(sys.stdout)
