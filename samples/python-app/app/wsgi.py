import os

import greeting


def application(environ, start_response):
    if environ.get("HTTP_UPGRADE", "").lower() == "websocket":
        return websocket_echo()
    body = "Hello from python on Steward: {} (virtualenv {})\n".format(
        greeting.hello("www"), os.environ.get("VIRTUAL_ENV", "none"))
    start_response("200 OK", [("Content-Type", "text/plain; charset=utf-8")])
    return [body.encode("utf-8")]


def websocket_echo():
    """A WebSocket through nginx, answered with uWSGI's WebSocket API: each text message comes back
    prefixed with "python echo: " until the client closes (uWSGI then raises IOError)."""
    import uwsgi

    uwsgi.websocket_handshake()
    try:
        while True:
            message = uwsgi.websocket_recv()
            uwsgi.websocket_send(b"python echo: " + message)
    except IOError:
        return []
