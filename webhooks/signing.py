"""HMAC-SHA256 signature of a delivery: over "<timestamp>.<raw body>", with the subscription's secret.

Headers sent with every delivery:
    X-Sentra-Timestamp: 1767225600                 (Unix seconds when this attempt was sent)
    X-Sentra-Signature: v1=<64 hex digits>         (hex HMAC-SHA256 of f"{timestamp}.{body}")
A receiver recomputes the HMAC over the raw bytes it received, compares in constant time and refuses a
timestamp more than five minutes away from its clock (a replayed old delivery). docs/api.md has the code.
"""

import hashlib
import hmac
import secrets

SIGNATURE_HEADER = "X-Sentra-Signature"
TIMESTAMP_HEADER = "X-Sentra-Timestamp"
EVENT_HEADER = "X-Sentra-Event"
DELIVERY_HEADER = "X-Sentra-Delivery"
TOLERANCE_SECONDS = 300


def new_secret():
    return secrets.token_hex(32)


def signature(secret, timestamp, body):
    """`v1=<hex>` for `body` (bytes) sent at `timestamp` (int seconds)."""
    message = str(int(timestamp)).encode() + b"." + body
    return "v1=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def verify(secret, timestamp, body, header, now):
    """What a receiver does; used by the tests as the receiver would."""
    try:
        sent = int(timestamp)
    except (TypeError, ValueError):
        return False
    if abs(now - sent) > TOLERANCE_SECONDS:
        return False
    return hmac.compare_digest(signature(secret, sent, body), header or "")
