"""Mails (through the sendmail given as argv[1]) when a process exits unexpectedly, as superlance's crashmail."""
import subprocess
import sys

from supervisor import childutils

sendmail = sys.argv[1]
while True:
    headers, payload = childutils.listener.wait(sys.stdin, sys.stdout)
    if headers['eventname'] == 'PROCESS_STATE_EXITED':
        pheaders, _ = childutils.eventdata(payload + '\n')
        if int(pheaders['expected']) == 0:
            body = ('Process %(processname)s in group %(groupname)s exited unexpectedly (pid %(pid)s) '
                    'from state %(from_state)s' % pheaders)
            message = 'To: ops@example.com\nSubject: %s crashed\n\n%s\n' % (pheaders['processname'], body)
            subprocess.run([sendmail, '-t', '-i'], input=message.encode(), check=True)
            sys.stderr.write('mailed: %s\n' % body)
            sys.stderr.flush()
    childutils.listener.ok(sys.stdout)
