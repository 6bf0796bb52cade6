"""The request signature both sides of the National Public Service Portal link compute: HMAC-SHA256 over
the timestamp, method, path and body digest, with the key the NPSP issued to the province. Pure Python, so
the mock NPSP (a separate service) and the portal's client share it without sharing anything else."""

from __future__ import annotations

import hashlib
import hmac
import time

KEY_HEADER = "X-NPSP-Key"
TIMESTAMP_HEADER = "X-NPSP-Timestamp"
SIGNATURE_HEADER = "X-NPSP-Signature"
MAX_SKEW_SECONDS = 300


def signature(*, secret: str, timestamp: str, method: str, path: str, body: bytes) -> str:
    digest = hashlib.sha256(body or b"").hexdigest()
    message = f"{timestamp}\n{method.upper()}\n{path}\n{digest}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signed_headers(*, key_id: str, secret: str, method: str, path: str, body: bytes) -> dict[str, str]:
    timestamp = str(int(time.time()))
    return {
        KEY_HEADER: key_id,
        TIMESTAMP_HEADER: timestamp,
        SIGNATURE_HEADER: signature(secret=secret, timestamp=timestamp, method=method, path=path, body=body),
    }


def verify(*, headers, secrets: dict[str, str], method: str, path: str, body: bytes, now: float | None = None) -> bool:
    """Whether the request carries a valid, fresh signature by a known key."""
    key_id, timestamp, given = headers.get(KEY_HEADER), headers.get(TIMESTAMP_HEADER), headers.get(SIGNATURE_HEADER)
    secret = secrets.get(key_id or "")
    if not (secret and timestamp and given):
        return False
    try:
        if abs((now or time.time()) - int(timestamp)) > MAX_SKEW_SECONDS:
            return False
    except ValueError:
        return False
    expected = signature(secret=secret, timestamp=timestamp, method=method, path=path, body=body)
    return hmac.compare_digest(expected, given)
