"""The mock NPSP's HTTP contract (JSON over HTTP, HMAC-signed by nationalportal.signing):

- ``POST /v1/dossier-events:batch`` {"messages": [{key, dossier_id, code, sequence, state, kind, at, ...}]}
  → 200 {"results": [{key, status: applied | duplicate | rejected, error?}]}; each key is applied once. The
  code is required from submission on (every state but ``draft``).
- ``POST /v1/procedures:batch`` {"messages": [{key, code, version, name, ...}]} → the same shape.
- ``POST /v1/petitions:batch`` {"messages": [{key, petition_id, code, sequence, state, national_status, at,
  agency_code, ...}]} → the same shape: the national PAKN system's record of each petition (phản ánh, kiến
  nghị), moved only forward in sequence (an older message is kept and counted out_of_order). The
  national_status must be one of the national system's; a published one must carry the (masked) answer.
- ``GET /v1/citizens/{cccd}`` → the population record, or 404.
- ``GET /v1/dossiers?updated_from=&updated_to=&code=`` → {"dossiers": [{dossier_id, code, state, sequence,
  updated_at}]}.
- ``GET /v1/petitions?updated_from=&updated_to=&code=`` → {"petitions": [{petition_id, code, state,
  national_status, sequence, updated_at, agency_code, klass, published}]}.
- ``GET /v1/procedures`` → {"procedures": [...]}; ``GET /v1/stats`` → counters (applied, duplicates...) and
  what it holds (dossiers, procedures, petitions, petitions_published).
- ``GET /health``; ``POST /admin/faults``, ``GET /admin/faults``, ``GET /admin/stats``, ``POST /admin/reset``
  (admin token; unaffected by the faults).
Unsigned or wrongly signed calls to /v1/ get 401."""

from __future__ import annotations

import json
import logging
import re
import threading
from http import HTTPStatus
from urllib.parse import parse_qs, urlsplit

from nationalportal import signing
from nationalportal.mock.store import Store
from portal import mockservice
from portal.mockservice import Faults, MockHandler

logger = logging.getLogger("npsp.mock")
_CCCD = re.compile(r"^/v1/citizens/(\d{12})$")
_REQUIRED_EVENT = {"key": str, "dossier_id": str, "sequence": int, "state": str, "at": str}
_REQUIRED_PROCEDURE = {"key": str, "code": str, "version": int, "name": str}
_REQUIRED_PETITION = {"key": str, "petition_id": str, "code": str, "sequence": int, "state": str,
                      "national_status": str, "at": str, "agency_code": str}
# The national PAKN system's statuses (domain/feedback-pakn.md §2): a province reports one of these.
NATIONAL_STATUSES = frozenset({
    "Tiếp nhận ở địa phương", "Phản ánh đã bổ sung", "Mới tiếp nhận VPCP", "PAKN đã bổ sung",
    "Phản ánh trực tiếp xử lý", "Xử lý ở địa phương", "Đã gửi email", "Trả lại tiếp nhận địa phương",
    "BNĐP gửi trả BNĐP khác", "BNĐP gửi trả VPCP", "PAKN chờ công khai", "PAKN đã công khai", "Trả lại VPCP",
    "Từ chối tiếp nhận", "Gửi đơn vị khác bằng phần mềm riêng", "PA chờ bổ sung",
})
PUBLISHED_STATUS = "PAKN đã công khai"
MAX_BATCH = 1000


def _invalid(message: dict, required: dict) -> str:
    for name, kind in required.items():
        if not isinstance(message.get(name), kind) or (kind is str and not message[name].strip()):
            return f"{name} is missing or not a {kind.__name__}"
    return ""


def _invalid_event(message: dict, required: dict) -> str:
    """A dossier has its code from its submission: every event but a draft's must carry it."""
    error = _invalid(message, required)
    if not error and message["state"] != "draft":
        code = message.get("code")
        if not isinstance(code, str) or not code.strip():
            return "code is missing: a dossier has its code from its submission"
    return error


def _invalid_petition(message: dict, required: dict) -> str:
    error = _invalid(message, required)
    if error:
        return error
    if message["national_status"] not in NATIONAL_STATUSES:
        return "national_status is not a status of the national PAKN system"
    answer = message.get("answer")
    if message["national_status"] == PUBLISHED_STATUS and (not isinstance(answer, str) or not answer.strip()):
        return "answer is missing: a published petition carries its answer"
    return ""


class Handler(MockHandler):
    server: MockServer
    log = logger

    def dispatch(self, method: str) -> None:
        url = urlsplit(self.path)
        body = self.read_body()
        if url.path == "/health":
            return self.send_json(200, {"status": "ok"})
        if url.path.startswith("/admin/"):
            return self._admin(method, url.path, body)
        store, faults = self.server.store, self.server.faults
        status = faults.before_request()
        if status is not None:
            return self.send_json(status, {"error": "service unavailable"})
        if not signing.verify(headers=self.headers, secrets=self.server.secrets, method=method, path=url.path,
                              body=body):
            return self.send_json(401, {"error": "missing or wrong signature"})
        store.count("requests")
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        if method == "POST" and url.path == "/v1/dossier-events:batch":
            return self._batch(body, _REQUIRED_EVENT, store.apply_dossier_events, check=_invalid_event)
        if method == "POST" and url.path == "/v1/procedures:batch":
            return self._batch(body, _REQUIRED_PROCEDURE, store.apply_procedures)
        if method == "POST" and url.path == "/v1/petitions:batch":
            return self._batch(body, _REQUIRED_PETITION, store.apply_petition_events, check=_invalid_petition)
        if method == "GET" and (match := _CCCD.match(url.path)):
            record = store.citizen(match.group(1))
            return self.send_json(200, record) if record else self.send_json(404, {"error": "no such person"})
        if method == "GET" and url.path == "/v1/dossiers":
            return self.send_json(200, {"dossiers": store.dossiers(updated_from=query.get("updated_from", ""),
                                                              updated_to=query.get("updated_to", ""),
                                                              code=query.get("code", ""))})
        if method == "GET" and url.path == "/v1/petitions":
            return self.send_json(200, {"petitions": store.petitions(updated_from=query.get("updated_from", ""),
                                                                updated_to=query.get("updated_to", ""),
                                                                code=query.get("code", ""))})
        if method == "GET" and url.path == "/v1/procedures":
            return self.send_json(200, {"procedures": store.procedures()})
        if method == "GET" and url.path == "/v1/stats":
            return self.send_json(200, store.stats())
        return self.send_json(404, {"error": "not found"})

    def _batch(self, body: bytes, required: dict, apply, check=_invalid) -> None:
        try:
            messages = json.loads(body or b"{}").get("messages")
        except (ValueError, AttributeError):
            messages = None
        if not isinstance(messages, list) or not messages or len(messages) > MAX_BATCH:
            return self.send_json(400, {"error": f"messages must be a list of 1 to {MAX_BATCH} objects"})
        valid, results = [], {}
        for index, message in enumerate(messages):
            error = check(message, required) if isinstance(message, dict) else "not an object"
            if error:
                key = message.get("key") if isinstance(message, dict) else None
                results[index] = {"key": key, "status": "rejected", "error": error}
                self.server.store.count("rejected")
            else:
                valid.append((index, message))
        for (index, _message), result in zip(valid, apply([m for _i, m in valid]), strict=True):
            results[index] = result
        return self.send_json(200, {"results": [results[i] for i in range(len(messages))]})

    def _admin(self, method: str, path: str, body: bytes) -> None:
        if self.headers.get("X-NPSP-Admin") != self.server.admin_token:
            return self.send_json(401, {"error": "admin token required"})
        if self.fault_admin(method, path, body):
            return None
        if path == "/admin/stats" and method == "GET":  # for tests and demos: works while "down"
            return self.send_json(200, self.server.store.stats())
        if path == "/admin/reset" and method == "POST":
            self.server.store.reset()
            self.server.faults.update({"clear": True})
            return self.send_json(200, {"status": "reset"})
        return self.send_json(HTTPStatus.NOT_FOUND, {"error": "not found"})


class MockServer(mockservice.MockServer):
    def __init__(self, address, *, store: Store, secrets: dict[str, str], admin_token: str, faults: Faults,
                 faults_changed: threading.Event | None = None):
        super().__init__(address, Handler, faults=faults, faults_changed=faults_changed)
        self.store, self.secrets, self.admin_token = store, secrets, admin_token


def serve(address, *, store: Store, secrets: dict[str, str], admin_token: str, faults: Faults,
          stop: threading.Event) -> None:
    """Serve until ``stop``, through refuse windows (portal.mockservice.serve)."""
    mockservice.serve(lambda changed: MockServer(address, store=store, secrets=secrets, admin_token=admin_token,
                                                 faults=faults, faults_changed=changed), faults=faults, stop=stop)
