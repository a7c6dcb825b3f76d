"""The one place that makes outbound HTTP requests: a POST to a subscriber's URL, nowhere else.

- Only http and https URLs with a host; no user:password@ in the URL.
- The host is resolved once and the connection goes to the address that was checked (no second lookup a
  DNS answer could change in between). Private, loopback, link-local, multicast and reserved addresses
  (the server's own network, 127.0.0.1, 169.254.169.254 metadata services...) are refused unless
  WEBHOOK_ALLOW_PRIVATE_ADDRESSES is on (default: only with DEBUG, for development and tests).
- Redirects are not followed (a 3xx is a failed attempt); the answer's body is read up to 4 KB and dropped.
"""

import http.client
import ipaddress
import socket
import ssl
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_ANSWER_BYTES = 4096


class Refused(Exception):
    """The URL may not be called (scheme, host, address)."""


def check_url_form(url):
    """ValidationError unless `url` is an http(s) URL with a host and no credentials (checked when subscribing)."""
    parts = urlsplit(url or "")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValidationError(_("URL harus diawali http:// atau https:// dan memuat nama host."), code="invalid_url")
    if parts.username or parts.password:
        raise ValidationError(_("URL tidak boleh memuat nama pengguna atau kata sandi."), code="invalid_url")
    try:
        address = ipaddress.ip_address(parts.hostname)
    except ValueError:
        return  # a name: checked when resolved, at every delivery
    if not _allowed(address):
        raise ValidationError(_("Alamat jaringan privat atau lokal tidak diizinkan."), code="private_address")


def _allowed(address):
    if getattr(settings, "WEBHOOK_ALLOW_PRIVATE_ADDRESSES", False):
        return True
    return address.is_global and not address.is_multicast


def _resolve(host, port):
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)  # OSError: worth another attempt later
    addresses = [ipaddress.ip_address(info[4][0]) for info in infos]
    if not addresses or not all(_allowed(address) for address in addresses):
        raise Refused(_("Alamat jaringan privat atau lokal tidak diizinkan."))
    return str(addresses[0])


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self):
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self.address = address

    def connect(self):
        sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def post(url, body, headers, timeout):
    """POST `body` (bytes) to `url`; returns the status code. Raises Refused or OSError/HTTPException."""
    try:
        check_url_form(url)
    except ValidationError as error:
        raise Refused(error.messages[0]) from error
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    address = _resolve(parts.hostname, port)
    connection_class = _PinnedHTTPSConnection if parts.scheme == "https" else _PinnedHTTPConnection
    connection = connection_class(parts.hostname, port, address, timeout)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        connection.request("POST", path, body=body, headers={**headers, "Content-Length": str(len(body))})
        response = connection.getresponse()
        response.read(MAX_ANSWER_BYTES)
        return response.status
    finally:
        connection.close()
