"""The signature of every message between the portal and the national payment platform (ours to define, in
the style of VNPAY's and PayGov's): HMAC-SHA256, under the secret the platform issued to the merchant, of a
canonical string of the message's fields.

Canonical string: every field but ``signature`` whose value is not None, sorted by name (Unicode code
points), each written ``name=value`` with the value as text (integers in decimal, booleans ``true``/
``false``) percent-encoded as UTF-8 (``urllib.parse.quote(value, safe="")``: every byte but letters, digits
and ``_.-~``), joined by ``&``. The signature is the digest in lowercase hexadecimal, sent as the field
``signature`` (in the JSON body, or the query string of the browser's return). Example: {"amount": 50000,
"order_id": "A1"} → ``amount=50000&order_id=A1``.

Standard library only: the mock platform (payments/mock/) loads it without Django."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

SIGNATURE = "signature"


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def canonical(fields: Mapping[str, Any]) -> str:
    pairs = sorted((str(name), _text(value)) for name, value in fields.items()
                   if name != SIGNATURE and value is not None)
    return "&".join(f"{name}={quote(value, safe='')}" for name, value in pairs)


def sign(fields: Mapping[str, Any], secret: str) -> str:
    return hmac.new(secret.encode(), canonical(fields).encode(), hashlib.sha256).hexdigest()


def signed(fields: Mapping[str, Any], secret: str) -> dict[str, Any]:
    """The fields with their signature added."""
    return {**fields, SIGNATURE: sign(fields, secret)}


def verify(fields: Mapping[str, Any], secret: str) -> bool:
    """True when ``fields["signature"]`` is the signature of the other fields (compared in constant time)."""
    given = fields.get(SIGNATURE)
    if not isinstance(given, str) or not secret:
        return False
    try:
        expected = sign(fields, secret)
    except (UnicodeEncodeError, TypeError, ValueError):
        return False
    return hmac.compare_digest(expected, given.lower())
