"""A stand-in for Varnish's PURGE endpoint, reached by the real VarnishBackend over HTTP."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import override_settings

from tests.server import free_port


class PurgeListener:
    """Answers PURGE with `status` and remembers (path, Host) of each one; `down()` closes
    its port (Varnish stopped or unreachable) until `up()`."""

    def __init__(self):
        self.status = 200
        self.received = []
        self.server = None
        self.port = 0
        self.up()
        self.url = f"http://127.0.0.1:{self.port}"

    def handler(self):
        listener = self

        class Handler(BaseHTTPRequestHandler):
            def do_PURGE(self):  # noqa: N802 - the HTTP method's name
                listener.received.append((self.path, self.headers["Host"]))
                self.send_response(listener.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        return Handler

    def up(self):
        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), self.handler())
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def down(self):
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None


def frontend_cache(location):
    return override_settings(
        WAGTAILFRONTENDCACHE={
            "varnish-1": {"BACKEND": "caching.backends.VarnishBackend", "LOCATION": location}
        }
    )


def unreachable_url():
    """A loopback address where nothing listens."""
    return f"http://127.0.0.1:{free_port()}"


@pytest.fixture
def varnish_purges():
    """The app's purges go to a listener that acknowledges them (`.status` to refuse them,
    `.down()` to make Varnish unreachable)."""
    listener = PurgeListener()
    with frontend_cache(listener.url):
        yield listener
    listener.down()
