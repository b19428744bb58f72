"""How a delivery is signed, and how a receiver checks it (this module is the reference).

The signature is HMAC-SHA256, keyed with the subscription's secret, over the timestamp, a dot
and the exact body bytes: `X-Factcheck-Signature: sha256=<hex>`, with the timestamp (Unix
seconds) in `X-Factcheck-Timestamp`. Signing the timestamp with the body means an old delivery
cannot be sent again later with a fresh timestamp; a receiver refuses a timestamp further than
a few minutes from its own clock, and may drop a delivery id (`X-Factcheck-Delivery`) it has
seen already, since a retry sends the same id and body again.

Only the standard library is used, so a receiver can copy `signature_verify`'s few lines.
"""

from __future__ import annotations

import hashlib
import hmac
import time

SIGNATURE_PREFIX = "sha256="
# How far a timestamp may be from the receiver's clock (seconds), either way.
DEFAULT_TOLERANCE = 300


class SignatureError(ValueError):
    """A delivery whose signature or timestamp does not check out; the message says which."""


def signature_of(*, secret: str, timestamp: str, body: bytes) -> str:
    """The X-Factcheck-Signature header's value for `body` sent at `timestamp`."""
    mac = hmac.new(secret.encode("utf-8"), timestamp.encode("ascii") + b"." + body, hashlib.sha256)
    return SIGNATURE_PREFIX + mac.hexdigest()


def signature_verify(
    *,
    secret: str,
    body: bytes,
    timestamp: str,
    signature: str,
    tolerance: int = DEFAULT_TOLERANCE,
    now: float | None = None,
) -> None:
    """Raise SignatureError unless `signature` signs `body` at `timestamp` with `secret` and
    the timestamp is within `tolerance` seconds of `now` (the receiver's clock)."""
    if not timestamp.isdigit():
        raise SignatureError("the timestamp is not a whole number of seconds")
    age = (time.time() if now is None else now) - int(timestamp)
    if abs(age) > tolerance:
        raise SignatureError(f"the timestamp is {age:+.0f} s from now; at most {tolerance} s")
    expected = signature_of(secret=secret, timestamp=timestamp, body=body)
    # compare_digest: the time taken says nothing about how much of a forgery was right.
    if not hmac.compare_digest(
        expected.encode("ascii"), signature.strip().encode("ascii", "replace")
    ):
        raise SignatureError("the signature does not match the body and timestamp")
