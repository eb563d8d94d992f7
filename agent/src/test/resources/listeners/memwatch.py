"""Restarts, through XML-RPC, a program whose RSS is over argv[2] kB, checked on TICK_5 (as superlance's memmon)."""
import os
import sys

from supervisor import childutils

name, limit = sys.argv[1], int(sys.argv[2])
rpc = childutils.getRPCInterface(os.environ)


def rss_kb(pid):
    with open('/proc/%d/status' % pid) as f:
        for line in f:
            if line.startswith('VmRSS:'):
                return int(line.split()[1])
    return 0


while True:
    headers, payload = childutils.listener.wait(sys.stdin, sys.stdout)
    for info in rpc.supervisor.getAllProcessInfo():
        if info['name'] == name and info['pid']:
            rss = rss_kb(info['pid'])
            if rss > limit:
                rpc.supervisor.stopProcess(name)
                rpc.supervisor.startProcess(name)
                sys.stderr.write('restarted %s (pid %d, rss %d kB > %d kB)\n' % (name, info['pid'], rss, limit))
                sys.stderr.flush()
    childutils.listener.ok(sys.stdout)
