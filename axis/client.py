"""The portal's HTTP client for the national document axis (the mock's contract: axis/mock/server.py): signed
requests (portal.signedrequests, X-Axis-* headers, the system id and secret the axis issued to the province);
failures split into those worth retrying (slow, down, overloaded, credentials an operator fixes) and refusals
of what we sent."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass

import requests
from django.conf import settings

from portal.signedrequests import Scheme

SCHEME = Scheme("Axis")
MESSAGE_ID_HEADER = "X-Axis-Message-Id"
_local = threading.local()


class AxisError(Exception):
    pass


class AxisTemporaryError(AxisError):
    """Timeouts, refused connections, 5xx, 429 — and 401: retry."""


class AxisRefused(AxisError):
    """Any other 4xx: the axis refused what we sent (unknown recipient, not our organ, malformed)."""


@dataclass(frozen=True)
class MailboxItem:
    id: str
    kind: str
    sender: str
    document_id: str
    status_code: str


def _session() -> requests.Session:
    session = getattr(_local, "session", None)
    if session is None:
        session = _local.session = requests.Session()
    return session


def call(method: str, path: str, *, body: bytes = b"", content_type: str = "application/json",
         headers: dict | None = None, params: dict | None = None) -> requests.Response:
    signed = SCHEME.signed_headers(key_id=settings.AXIS_SYSTEM_ID, secret=settings.AXIS_SECRET, method=method,
                                   path=path, body=body)
    signed["Content-Type"] = content_type
    try:
        response = _session().request(method, settings.AXIS_URL.rstrip("/") + path, data=body,
                                      headers={**signed, **(headers or {})}, params=params,
                                      timeout=settings.AXIS_TIMEOUT_SECONDS)
    except (requests.ConnectionError, requests.Timeout) as error:
        _local.session = None  # a broken keep-alive connection must not poison the next call
        raise AxisTemporaryError(f"{type(error).__name__}: {error}") from error
    if response.status_code in (401, 408, 429) or response.status_code >= 500:
        raise AxisTemporaryError(f"HTTP {response.status_code}: {response.text[:300]}")
    if response.status_code >= 400:
        raise AxisRefused(f"HTTP {response.status_code}: {_reason(response)}")
    return response


def _reason(response: requests.Response) -> str:
    """The axis's own words for a refusal ({"error": ...}), else the start of its answer."""
    try:
        data = response.json()
    except ValueError:
        data = None
    if isinstance(data, dict) and isinstance(data.get("error"), str):
        return data["error"][:300]
    return response.text[:300]


def _json(response: requests.Response) -> dict:
    try:
        data = response.json()
    except ValueError as error:
        raise AxisTemporaryError(f"The axis answered something that is not JSON: {response.text[:200]}") from error
    if not isinstance(data, dict):
        raise AxisTemporaryError("The axis answered JSON that is not an object.")
    return data


def organ_register(organ_id: str, name: str) -> dict:
    body = json.dumps({"organ_id": organ_id, "name": name}, ensure_ascii=False).encode()
    return _json(call("POST", "/v1/organs", body=body))


def organs() -> list[dict]:
    return _json(call("GET", "/v1/organs")).get("organs") or []


def send(package: bytes, *, message_id: str) -> dict:
    """Post a signed package or status message; {"id", "status": "accepted" | "duplicate"}."""
    return _json(call("POST", "/v1/messages", body=package, content_type="application/xml",
                      headers={MESSAGE_ID_HEADER: message_id}))


def mailbox(organ_id: str, *, limit: int = 50) -> list[MailboxItem]:
    items = _json(call("GET", "/v1/mailbox", params={"organ": organ_id, "limit": limit})).get("messages")
    if not isinstance(items, list):
        raise AxisTemporaryError("The axis answered a mailbox without a list of messages.")
    return [MailboxItem(id=str(item.get("id", ""))[:64], kind=str(item.get("type", "")),
                        sender=str(item.get("from", ""))[:20], document_id=str(item.get("document_id", ""))[:200],
                        status_code=str(item.get("status_code") or "")[:2])
            for item in items if isinstance(item, dict) and item.get("id")]


def fetch(message_id: str) -> bytes:
    return call("GET", f"/v1/messages/{message_id}").content


def acknowledge(message_id: str) -> None:
    call("POST", f"/v1/messages/{message_id}/ack")
