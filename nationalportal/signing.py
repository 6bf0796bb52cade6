"""The request signature of the National Public Service Portal link (portal.signedrequests, headers
X-NPSP-*): the mock NPSP (a separate service) and the portal's client both use it."""

from __future__ import annotations

from portal.signedrequests import MAX_SKEW_SECONDS, Scheme, signature

SCHEME = Scheme("NPSP")
KEY_HEADER, TIMESTAMP_HEADER, SIGNATURE_HEADER = SCHEME.key_header, SCHEME.timestamp_header, SCHEME.signature_header
__all__ = ["KEY_HEADER", "MAX_SKEW_SECONDS", "SIGNATURE_HEADER", "TIMESTAMP_HEADER", "signature", "signed_headers",
           "verify"]


def signed_headers(*, key_id: str, secret: str, method: str, path: str, body: bytes) -> dict[str, str]:
    return SCHEME.signed_headers(key_id=key_id, secret=secret, method=method, path=path, body=body)


def verify(*, headers, secrets: dict[str, str], method: str, path: str, body: bytes, now: float | None = None) -> bool:
    """Whether the request carries a valid, fresh signature by a known key."""
    return SCHEME.verified_key(headers=headers, secrets=secrets, method=method, path=path, body=body,
                               now=now) is not None
