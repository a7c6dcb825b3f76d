"""A partner's receiver: a tiny HTTP server in a thread of the test, answering as it is told to."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from changes.tests.conftest import reads_own_writes, wait_for_horizon  # noqa: F401 (fixture)
from core.api.testing import token_client
from webhooks import services
from webhooks.signing import SIGNATURE_HEADER, TIMESTAMP_HEADER, verify


class Receiver:
    def __init__(self):
        self.received = []  # (headers, raw body) of every request
        self.answers = []  # status codes to answer with, in turn; 200 when empty
        handler = self._handler()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook?source=sentra"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def _handler(self):
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append((dict(self.headers), body))
                status = receiver.answers.pop(0) if receiver.answers else 200
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        return Handler

    def payloads(self, secret=None):
        """Bodies as JSON; with `secret`, only those whose signature verifies (as a real receiver would)."""
        out = []
        for headers, body in self.received:
            if secret is None or verify(secret, headers.get(TIMESTAMP_HEADER), body, headers.get(SIGNATURE_HEADER), time.time()):
                out.append(json.loads(body))
        return out

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    made = Receiver()
    yield made
    made.close()


@pytest.fixture
def belu_partner(reads_own_writes, belu_desa, alor_desa):
    return token_client("53.04", name="Portal Belu")


def deliver(now=None):
    """What the worker does: make deliveries from the feed, then send every subscription's due ones."""
    wait_for_horizon()
    while services.dispatch_changes()[1]:
        pass
    for subscription in services.active_subscriptions():
        services.send_due(subscription=subscription, now=now)
