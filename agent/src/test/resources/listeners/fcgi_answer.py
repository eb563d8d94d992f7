"""An fcgi-program child: accepts connections on the listening socket it got as fd 0, answers its pid."""
import os
import socket

listener = socket.socket(fileno=0)
while True:
    conn, _ = listener.accept()
    conn.sendall(('fcgi %s %d\n' % (os.environ.get('SUPERVISOR_PROCESS_NAME'), os.getpid())).encode())
    conn.close()
