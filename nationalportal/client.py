"""The portal's HTTP client for the National Public Service Portal: signed JSON requests, and the split
between failures worth retrying (the NPSP is slow, down or overloaded) and permanent ones (it rejected
what we sent)."""

from __future__ import annotations

import json
import threading

import requests
from django.conf import settings

from nationalportal import signing

_local = threading.local()


class NpspError(Exception):
    pass


class NpspTemporaryError(NpspError):
    """Timeouts, refused connections, 5xx, 429 — and 401, a credentials problem an operator fixes: retry."""


class NpspPermanentError(NpspError):
    """Any other 4xx: the request itself is wrong and will stay wrong."""


def _session() -> requests.Session:
    session = getattr(_local, "session", None)
    if session is None:
        session = _local.session = requests.Session()
    return session


def call(method: str, path: str, data: dict | None = None, *, timeout: float | None = None,
         params: dict | None = None) -> dict:
    """``params`` go in the query string, which the signature does not cover (it signs the path only)."""
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode() if data is not None else b""
    headers = signing.signed_headers(key_id=settings.NPSP_KEY_ID, secret=settings.NPSP_SECRET, method=method,
                                     path=path, body=body)
    headers["Content-Type"] = "application/json"
    try:
        response = _session().request(method, settings.NPSP_URL.rstrip("/") + path, data=body, headers=headers,
                                      params=params, timeout=timeout or settings.NPSP_TIMEOUT_SECONDS)
    except (requests.ConnectionError, requests.Timeout) as error:
        _local.session = None  # a broken keep-alive connection must not poison the next call
        raise NpspTemporaryError(f"{type(error).__name__}: {error}") from error
    if response.status_code in (401, 429) or response.status_code >= 500:
        raise NpspTemporaryError(f"HTTP {response.status_code}: {response.text[:300]}")
    if response.status_code >= 400:
        raise NpspPermanentError(f"HTTP {response.status_code}: {response.text[:300]}")
    return response.json()


def send_batch(topic_path: str, messages: list[dict]) -> list[dict]:
    """POST one batch; the NPSP's result for each message, in order."""
    results = call("POST", topic_path, {"messages": messages}).get("results")
    if not isinstance(results, list) or len(results) != len(messages):
        raise NpspTemporaryError("The NPSP answered a batch without one result per message.")
    return results


def citizen_lookup(cccd: str, *, timeout: float | None = None) -> dict | None:
    """The national population database's record for this number, or None when it has none."""
    try:
        return call("GET", f"/v1/citizens/{cccd}", timeout=timeout)
    except NpspPermanentError as error:
        if str(error).startswith("HTTP 404"):
            return None
        raise


def population_record(cccd: str, timeout: float) -> dict | None:
    """dossiers.registry's population source: the national population database's record through the NPSP."""
    from dossiers.registry import RegistryUnavailable

    try:
        return citizen_lookup(cccd, timeout=timeout)
    except (NpspError, ValueError) as error:  # ValueError: an answer that is not JSON
        raise RegistryUnavailable(str(error)) from error
