"""Calls one XML-RPC method on a supervisord at a unix socket: rpc.py SOCKET METHOD [ARG...]; prints the result."""
import sys
import xmlrpc.client

from supervisor.xmlrpc import SupervisorTransport

proxy = xmlrpc.client.ServerProxy('http://127.0.0.1', transport=SupervisorTransport(None, None, 'unix://' + sys.argv[1]))
method = proxy
for part in sys.argv[2].split('.'):
    method = getattr(method, part)
print(method(*sys.argv[3:]))
