"""Signed HTTP requests between the portal and a party outside it (the National Public Service Portal, the
national document axis): HMAC-SHA256 over the timestamp, method, path and body digest, with the secret the
party issued to the province, in three headers named after the party (``X-<Party>-Key``, ``-Timestamp``,
``-Signature``). Pure Python, so each mock service and the portal's client share it without sharing
anything else."""

from __future__ import annotations

import hashlib
import hmac
import time
from dataclasses import dataclass

MAX_SKEW_SECONDS = 300


@dataclass(frozen=True)
class Scheme:
    """The header names of one party: ``Scheme("NPSP")`` → X-NPSP-Key, X-NPSP-Timestamp, X-NPSP-Signature."""

    party: str

    @property
    def key_header(self) -> str:
        return f"X-{self.party}-Key"

    @property
    def timestamp_header(self) -> str:
        return f"X-{self.party}-Timestamp"

    @property
    def signature_header(self) -> str:
        return f"X-{self.party}-Signature"

    def signed_headers(self, *, key_id: str, secret: str, method: str, path: str, body: bytes) -> dict[str, str]:
        timestamp = str(int(time.time()))
        return {
            self.key_header: key_id,
            self.timestamp_header: timestamp,
            self.signature_header: signature(secret=secret, timestamp=timestamp, method=method, path=path, body=body),
        }

    def verified_key(self, *, headers, secrets: dict[str, str], method: str, path: str, body: bytes,
                     now: float | None = None) -> str | None:
        """The key id when the request carries a valid, fresh signature by a known key; else None."""
        key_id, timestamp = headers.get(self.key_header), headers.get(self.timestamp_header)
        given, secret = headers.get(self.signature_header), secrets.get(key_id or "")
        if not (secret and timestamp and given):
            return None
        try:
            if abs((now or time.time()) - int(timestamp)) > MAX_SKEW_SECONDS:
                return None
        except ValueError:
            return None
        expected = signature(secret=secret, timestamp=timestamp, method=method, path=path, body=body)
        return key_id if hmac.compare_digest(expected, given) else None


def signature(*, secret: str, timestamp: str, method: str, path: str, body: bytes) -> str:
    digest = hashlib.sha256(body or b"").hexdigest()
    message = f"{timestamp}\n{method.upper()}\n{path}\n{digest}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()
