"""Stops supervisord when any process enters FATAL (the common 'exit the container' listener)."""
import os
import sys

from supervisor import childutils

rpc = childutils.getRPCInterface(os.environ)
while True:
    headers, payload = childutils.listener.wait(sys.stdin, sys.stdout)
    if headers['eventname'] == 'PROCESS_STATE_FATAL':
        pheaders, _ = childutils.eventdata(payload + '\n')
        sys.stderr.write('%s entered FATAL, shutting supervisord down\n' % pheaders['processname'])
        sys.stderr.flush()
        rpc.supervisor.shutdown()
    childutils.listener.ok(sys.stdout)
