import os

import greeting


def application(environ, start_response):
    body = "Hello from python on Steward: {} (virtualenv {})\n".format(
        greeting.hello("www"), os.environ.get("VIRTUAL_ENV", "none"))
    start_response("200 OK", [("Content-Type", "text/plain; charset=utf-8")])
    return [body.encode("utf-8")]
