"""Error tracking is optional: nothing is initialised without SENTRY_DSN; with it, errors reach that DSN."""

import gzip
import json
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import sentry_sdk

ROOT = Path(__file__).resolve().parents[2]


def test_without_a_dsn_sentry_is_not_initialised():
    assert "SENTRY_DSN" not in os.environ
    assert not sentry_sdk.get_client().is_active()


def test_with_a_dsn_an_error_is_sent_there_without_personal_data():
    received = []

    class Collector(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append(gzip.decompress(body) if self.headers.get("Content-Encoding") == "gzip" else body)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Collector)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    script = (
        "import django, sentry_sdk; django.setup();"
        "sentry_sdk.capture_exception(ValueError('uji sentry')); sentry_sdk.flush(5)"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "SENTRY_DSN": f"http://kunci@127.0.0.1:{server.server_port}/7"}
    try:
        subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, check=True, timeout=60)
    finally:
        server.shutdown()
    envelope = b"\n".join(received).decode()
    assert "uji sentry" in envelope
    event = next(json.loads(line) for line in envelope.splitlines() if '"exception"' in line)
    assert event["environment"] == "production" and "user" not in event
