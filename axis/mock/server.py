"""The mock axis's HTTP contract. Every /v1/ call is signed by the client system (portal.signedrequests,
``Scheme("Axis")``: headers X-Axis-Key (the system id), X-Axis-Timestamp, X-Axis-Signature over the
timestamp, method, URL path without the query, and body digest); a missing or wrong signature gets 401
{"error"}. Answers are JSON except the raw XML of a message.

- ``POST /v1/organs`` {"organ_id", "name"} → 200 {"organ_id", "name"}: registers (or renames) an organ of
  the calling system; 409 when the id is an external organ's or another system's, 400 when it is not
  [0-9A-Za-z.-]{1,20} or the name is empty or longer than 200.
  With AXIS_MOCK_DEMO=true, an organ registered for the first time gets a letter from UBND tỉnh Nghệ An
  (000.00.00.H41) in its mailbox a few seconds later (axis/mock/demo.py).
- ``GET /v1/organs`` → {"organs": [{"organ_id", "name", "external": bool}]}: the whole directory.
- ``POST /v1/messages`` (Content-Type application/xml, header X-Axis-Message-Id: the sender's idempotency
  key, 1–64 characters, required) with a signed edXML document package or Status message as the body →
  200 {"id": the axis's id of the message, "status": "accepted" | "duplicate"}. 400 {"error": detail} when
  edxml.parse refuses it (not XML, DTD, unsigned, schema) or the key is missing; 403 when the sender
  (From/OrganId) is not one of the caller's organs; 422 {"error": "unknown recipient ..."} when a recipient
  is not in the directory; 413 beyond 40 MB. Stored once per (system, key): a repeat answers "duplicate"
  and delivers nothing again. One mailbox entry per recipient: a package goes to every To organ, a status
  to ResponseFor/OrganId. The axis does not check the XML signature itself: the recipients do.
- ``GET /v1/mailbox?organ=<id>&limit=<1..500, default 50>`` → {"messages": [{"id", "type": "edoc" |
  "status", "from", "document_id", "business" (edoc: 0–3; status: null), "status_code" (status only),
  "created_at" (ISO 8601, UTC)}]}: the unacknowledged entries of one of the caller's organs, oldest first;
  403 when the organ is not the caller's. Each entry has its own id (one message to two organs is two
  entries).
- ``GET /v1/messages/<entry id>`` → the raw XML (application/xml) of an entry in one of the caller's
  mailboxes, acknowledged or not; 404 otherwise.
- ``POST /v1/messages/<entry id>/ack`` → 200 {"status": "acknowledged"} (idempotent; the entry leaves the
  mailbox list); 404 when it is not in one of the caller's mailboxes.
- ``GET /health`` (no signature, unaffected by faults).

Admin (header X-Axis-Admin: the admin token; unaffected by faults):
- ``POST /admin/faults``, ``GET /admin/faults``: latency_ms, error_rate, timeout_rate, hang_seconds,
  down_for_seconds (503 to every /v1/ call), refuse_for_seconds (listening socket closed), clear.
- ``GET /admin/stats``: counters (requests, accepted, duplicates, rejected, delivered, acked,
  taken_by_organs, statuses_sent, refused, statuses_cancelled, sent_by_organs) and totals.
- ``POST /admin/reset``: empties messages, mailboxes, scheduled statuses and behaviours, clears the faults;
  keeps the directory and the PKI.
- ``POST /admin/behaviour`` {"organ": id (omitted: every external organ), "delays": {"01": seconds, ...,
  null: never sent}, "refuse": "reason" | null, "change_answer": "15" | "16"} → {"behaviours": [...]};
  ``GET /admin/behaviour`` → every external organ's.
- ``POST /admin/send`` {"from": external organ, "to": our organ, "subject", "code_number",
  "code_notation", "type_name" ("Công văn"), "signer_position", "signer_name", "signer_competence",
  "priority" 0–4, "due_date" "yyyy/MM/dd", "content", "response_for": DocumentId of one of our documents
  (a reply), "business" 0 | 1 (1: revoke "document_id", default the organ's latest to "to", with
  "reason"), "unsigned", "tamper"} → {"id": the entry in our organ's mailbox, "document_id"}.
- ``GET /admin/received?organ=<external id>`` → {"messages": [what it received: id, type, from,
  document_id, business, status_code, description (a status's; a package's change reason or subject),
  created_at], "sent": [the statuses it sent, in order:
  to, document_id, status_code, description, created_at]}."""

from __future__ import annotations

import json
import logging
import re
import threading
from collections.abc import Sequence
from urllib.parse import parse_qs, urlsplit

from axis import edxml
from axis.mock import outgoing
from axis.mock.organs import EXTERNAL, Organs
from axis.mock.pki import Pki
from axis.mock.store import Store
from portal import mockservice
from portal.mockservice import Faults, MockHandler
from portal.signedrequests import Scheme

logger = logging.getLogger("axis.mock")
SCHEME = Scheme("Axis")
ADMIN_HEADER, MESSAGE_ID_HEADER = "X-Axis-Admin", "X-Axis-Message-Id"
ORGAN_ID = re.compile(r"^[0-9A-Za-z.\-]{1,20}$")
_ENTRY = re.compile(r"^/v1/messages/([0-9a-f]{32})$")
_ACK = re.compile(r"^/v1/messages/([0-9a-f]{32})/ack$")
MAX_BODY = edxml.MAX_BYTES
MAX_ADMIN_BODY = 1024 * 1024
DRAIN_LIMIT = 3 * MAX_BODY


def _description(root, route: edxml.Route) -> str:
    """What /admin/received shows of a message: a status's Description, a package's reason for a change
    (revocation, update, replacement) or else its subject."""
    if route.kind == "status":
        return edxml.read_status(root).description
    ns = {"e": edxml.NS}
    reason = root.findtext(".//e:TraceHeaderList/e:Bussiness/e:BussinessDocReason", "", ns).strip()
    return reason or root.findtext(".//e:MessageHeader/e:Subject", "", ns).strip()


class Handler(MockHandler):
    server: MockServer
    log = logger

    def dispatch(self, method: str) -> None:
        url = urlsplit(self.path)
        length = self.content_length()
        if length < 0:
            return self.send_bytes(400, b'{"error": "bad Content-Length"}', "application/json", close=True)
        if length > (MAX_ADMIN_BODY if url.path.startswith("/admin/") else MAX_BODY):
            return self._too_large(length)
        body = self.read_body()
        query = {name: values[0] for name, values in parse_qs(url.query).items()}
        if url.path == "/health":
            return self.send_json(200, {"status": "ok"})
        if url.path.startswith("/admin/"):
            return self._admin(method, url.path, query, body)
        status = self.server.faults.before_request()
        if status is not None:
            return self.send_json(status, {"error": "service unavailable"})
        system = SCHEME.verified_key(headers=self.headers, secrets=self.server.secrets, method=method,
                                     path=url.path, body=body)
        if system is None:
            return self.send_json(401, {"error": "missing or wrong signature"})
        self.server.store.count("requests")
        if url.path == "/v1/organs" and method == "POST":
            return self._register(system, body)
        if url.path == "/v1/organs" and method == "GET":
            return self.send_json(200, {"organs": self.server.store.organs()})
        if url.path == "/v1/messages" and method == "POST":
            return self._accept(system, body)
        if url.path == "/v1/mailbox" and method == "GET":
            return self._mailbox(system, query)
        if method == "GET" and (match := _ENTRY.match(url.path)):
            data = self.server.store.entry_body(system=system, entry_id=match.group(1))
            if data is None:
                return self.send_json(404, {"error": "no such message in your mailboxes"})
            return self.send_bytes(200, data, "application/xml")
        if method == "POST" and (match := _ACK.match(url.path)):
            if not self.server.store.ack(system=system, entry_id=match.group(1)):
                return self.send_json(404, {"error": "no such message in your mailboxes"})
            return self.send_json(200, {"status": "acknowledged"})
        return self.send_json(404, {"error": "not found"})

    def _too_large(self, length: int) -> None:
        """413. A body up to a few times the limit is read and dropped first, so the client, still sending,
        gets the answer rather than a reset connection; beyond that the connection is simply closed."""
        self.server.store.count("rejected")
        drained = length <= DRAIN_LIMIT
        while drained and length > 0:
            chunk = self.rfile.read(min(length, 1024 * 1024))
            if not chunk:
                break
            length -= len(chunk)
        return self.send_bytes(413, b'{"error": "body too large"}', "application/json", close=not drained)

    def _json(self, body: bytes) -> dict | None:
        try:
            values = json.loads(body or b"{}")
        except ValueError:
            return None
        return values if isinstance(values, dict) else None

    def _register(self, system: str, body: bytes) -> None:
        values = self._json(body) or {}
        organ_id, name = values.get("organ_id"), values.get("name")
        if not (isinstance(organ_id, str) and ORGAN_ID.match(organ_id)):
            return self.send_json(400, {"error": "organ_id must be 1 to 20 of [0-9A-Za-z.-]"})
        if not (isinstance(name, str) and name.strip() and len(name) <= 200 and "\x00" not in name):
            return self.send_json(400, {"error": "name must be 1 to 200 characters"})
        if not self.server.store.register_organ(system=system, organ_id=organ_id, name=name.strip(),
                                                arrivals=self.server.arrivals):
            return self.send_json(409, {"error": f"{organ_id} belongs to another system or is an external organ"})
        return self.send_json(200, {"organ_id": organ_id, "name": name.strip()})

    def _accept(self, system: str, body: bytes) -> None:
        store = self.server.store
        key = self.headers.get(MESSAGE_ID_HEADER) or ""
        if not 0 < len(key) <= 64:
            store.count("rejected")
            return self.send_json(400, {"error": f"{MESSAGE_ID_HEADER} (1 to 64 characters) is required"})
        try:
            root = edxml.parse(body)
            route = edxml.route(root)
            description = _description(root, route)
        except edxml.PackageError as error:
            store.count("rejected")
            return self.send_json(400, {"error": error.detail, "code": error.code})
        if not store.owns(system, route.sender):
            store.count("rejected")
            return self.send_json(403, {"error": f"the sender {route.sender} is not one of your organs"})
        unknown = [organ_id for organ_id in route.recipients if store.organ(organ_id) is None]
        if unknown:
            store.count("rejected")
            return self.send_json(422, {"error": "unknown recipient " + ", ".join(unknown)})
        message_id, _entries, new = store.accept(
            origin=f"system:{system}", key=key, kind=route.kind, sender=route.sender,
            recipients=list(route.recipients), document_id=route.document_id, business=route.business,
            status_code=route.status_code, body=body, description=description)
        return self.send_json(200, {"id": message_id, "status": "accepted" if new else "duplicate"})

    def _mailbox(self, system: str, query: dict) -> None:
        organ_id = query.get("organ", "")
        if not self.server.store.owns(system, organ_id):
            return self.send_json(403, {"error": f"{organ_id!r} is not one of your organs"})
        try:
            limit = int(query.get("limit", "50"))
        except ValueError:
            return self.send_json(400, {"error": "limit must be a number"})
        messages = self.server.store.mailbox(organ_id, limit=min(max(limit, 1), 500))
        return self.send_json(200, {"messages": messages})

    def _admin(self, method: str, path: str, query: dict, body: bytes) -> None:
        server = self.server
        if self.headers.get(ADMIN_HEADER) != server.admin_token:
            return self.send_json(401, {"error": "admin token required"})
        if self.fault_admin(method, path, body):
            return None
        if path == "/admin/stats" and method == "GET":
            return self.send_json(200, server.store.stats())
        if path == "/admin/reset" and method == "POST":
            server.store.reset()
            server.faults.update({"clear": True})
            return self.send_json(200, {"status": "reset"})
        if path == "/admin/behaviour" and method == "GET":
            return self.send_json(200, {"behaviours": [server.organs.behaviour(o) for o in EXTERNAL]})
        if path == "/admin/behaviour" and method == "POST":
            try:
                changed = server.organs.set_behaviour(self._json(body) or {})
            except ValueError as error:
                return self.send_json(400, {"error": str(error)})
            return self.send_json(200, {"behaviours": changed})
        if path == "/admin/send" and method == "POST":
            try:
                return self.send_json(200, outgoing.send(self._json(body) or {}, store=server.store,
                                                         pki=server.pki))
            except outgoing.SendError as error:
                return self.send_json(error.status, {"error": error.message})
        if path == "/admin/received" and method == "GET":
            organ_id = query.get("organ", "")
            if organ_id not in EXTERNAL:
                return self.send_json(404, {"error": f"{organ_id!r} is not an external organ"})
            return self.send_json(200, server.store.received(organ_id))
        return self.send_json(404, {"error": "not found"})


class MockServer(mockservice.MockServer):
    def __init__(self, address, *, store: Store, pki: Pki, organs: Organs, secrets: dict[str, str],
                 admin_token: str, faults: Faults, faults_changed: threading.Event | None = None,
                 arrivals: Sequence[tuple[str, float]] = ()):
        super().__init__(address, Handler, faults=faults, faults_changed=faults_changed)
        self.store, self.pki, self.organs = store, pki, organs
        self.secrets, self.admin_token = secrets, admin_token
        self.arrivals = list(arrivals)  # the demo's: (external organ, seconds) for each new organ


def serve(address, *, store: Store, pki: Pki, organs: Organs, secrets: dict[str, str], admin_token: str,
          faults: Faults, stop: threading.Event, arrivals: Sequence[tuple[str, float]] = ()) -> None:
    """Serve until ``stop``, through refuse windows (portal.mockservice.serve)."""
    mockservice.serve(lambda changed: MockServer(address, store=store, pki=pki, organs=organs, secrets=secrets,
                                                 admin_token=admin_token, faults=faults, faults_changed=changed,
                                                 arrivals=arrivals),
                      faults=faults, stop=stop)
