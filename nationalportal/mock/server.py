"""The mock NPSP's HTTP contract (JSON over HTTP, HMAC-signed by nationalportal.signing):

- ``POST /v1/dossier-events:batch`` {"messages": [{key, dossier_id, code, sequence, state, kind, at, ...}]}
  → 200 {"results": [{key, status: applied | duplicate | rejected, error?}]}; each key is applied once. The
  code is required from submission on (every state but ``draft``).
- ``POST /v1/procedures:batch`` {"messages": [{key, code, version, name, ...}]} → the same shape.
- ``GET /v1/citizens/{cccd}`` → the population record, or 404.
- ``GET /v1/dossiers?updated_from=&updated_to=&code=`` → {"dossiers": [{dossier_id, code, state, sequence,
  updated_at}]}.
- ``GET /v1/procedures`` → {"procedures": [...]}; ``GET /v1/stats`` → counters (applied, duplicates...).
- ``GET /health``; ``POST /admin/faults``, ``GET /admin/faults``, ``GET /admin/stats``, ``POST /admin/reset``
  (admin token; unaffected by the faults).
Unsigned or wrongly signed calls to /v1/ get 401."""

from __future__ import annotations

import json
import logging
import re
import threading
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from nationalportal import signing
from nationalportal.mock.faults import Faults
from nationalportal.mock.store import Store

logger = logging.getLogger("npsp.mock")
_CCCD = re.compile(r"^/v1/citizens/(\d{12})$")
_REQUIRED_EVENT = {"key": str, "dossier_id": str, "sequence": int, "state": str, "at": str}
_REQUIRED_PROCEDURE = {"key": str, "code": str, "version": int, "name": str}
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


class Handler(BaseHTTPRequestHandler):
    server: MockServer
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes: without TCP_NODELAY, Nagle holds the body until the client's
    # delayed ACK (~40 ms a request on loopback), which a real HTTP server does not do.
    disable_nagle_algorithm = True

    def setup(self):
        super().setup()
        self.server.connections.add(self.connection)

    def finish(self):
        self.server.connections.discard(self.connection)
        super().finish()

    def log_message(self, format, *args):  # noqa: A002 - the stdlib's signature
        logger.debug("%s " + format, self.address_string(), *args)

    def _send(self, status: int, data: dict) -> None:
        body = json.dumps(data, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def do_GET(self):  # noqa: N802
        self._dispatch("GET")

    def do_POST(self):  # noqa: N802
        self._dispatch("POST")

    def _dispatch(self, method: str) -> None:
        url = urlsplit(self.path)
        body = self._body()
        if url.path == "/health":
            return self._send(200, {"status": "ok"})
        if url.path.startswith("/admin/"):
            return self._admin(method, url.path, body)
        store, faults = self.server.store, self.server.faults
        status = faults.before_request()
        if status is not None:
            return self._send(status, {"error": "service unavailable"})
        if not signing.verify(headers=self.headers, secrets=self.server.secrets, method=method, path=url.path,
                              body=body):
            return self._send(401, {"error": "missing or wrong signature"})
        store.count("requests")
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        if method == "POST" and url.path == "/v1/dossier-events:batch":
            return self._batch(body, _REQUIRED_EVENT, store.apply_dossier_events, check=_invalid_event)
        if method == "POST" and url.path == "/v1/procedures:batch":
            return self._batch(body, _REQUIRED_PROCEDURE, store.apply_procedures)
        if method == "GET" and (match := _CCCD.match(url.path)):
            record = store.citizen(match.group(1))
            return self._send(200, record) if record else self._send(404, {"error": "no such person"})
        if method == "GET" and url.path == "/v1/dossiers":
            return self._send(200, {"dossiers": store.dossiers(updated_from=query.get("updated_from", ""),
                                                              updated_to=query.get("updated_to", ""),
                                                              code=query.get("code", ""))})
        if method == "GET" and url.path == "/v1/procedures":
            return self._send(200, {"procedures": store.procedures()})
        if method == "GET" and url.path == "/v1/stats":
            return self._send(200, store.stats())
        return self._send(404, {"error": "not found"})

    def _batch(self, body: bytes, required: dict, apply, check=_invalid) -> None:
        try:
            messages = json.loads(body or b"{}").get("messages")
        except (ValueError, AttributeError):
            messages = None
        if not isinstance(messages, list) or not messages or len(messages) > MAX_BATCH:
            return self._send(400, {"error": f"messages must be a list of 1 to {MAX_BATCH} objects"})
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
        return self._send(200, {"results": [results[i] for i in range(len(messages))]})

    def _admin(self, method: str, path: str, body: bytes) -> None:
        if self.headers.get("X-NPSP-Admin") != self.server.admin_token:
            return self._send(401, {"error": "admin token required"})
        if path == "/admin/faults" and method == "POST":
            try:
                self.server.faults.update(json.loads(body or b"{}"))
            except (ValueError, TypeError) as error:
                return self._send(400, {"error": str(error)})
            self.server.refuse_if_asked()
            return self._send(200, self.server.faults.as_dict())
        if path == "/admin/stats" and method == "GET":  # for tests and demos: works while "down"
            return self._send(200, self.server.store.stats())
        if path == "/admin/faults" and method == "GET":
            return self._send(200, self.server.faults.as_dict())
        if path == "/admin/reset" and method == "POST":
            self.server.store.reset()
            self.server.faults.update({"clear": True})
            return self._send(200, {"status": "reset"})
        return self._send(HTTPStatus.NOT_FOUND, {"error": "not found"})


class MockServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, address, *, store: Store, secrets: dict[str, str], admin_token: str, faults: Faults,
                 faults_changed: threading.Event | None = None):
        super().__init__(address, Handler)
        self.store, self.secrets, self.admin_token, self.faults = store, secrets, admin_token, faults
        self.faults_changed = faults_changed or threading.Event()
        self.connections: set = set()  # open keep-alive connections, cut when the service "goes away"

    def drop_connections(self) -> None:
        import socket

        for connection in list(self.connections):
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def refuse_if_asked(self) -> None:
        if self.faults.refusing():
            self.faults_changed.set()


def serve(address, *, store: Store, secrets: dict[str, str], admin_token: str, faults: Faults,
          stop: threading.Event) -> None:
    """Serve until ``stop``; during a refuse window the listening socket is closed (connections are
    refused, as when the real portal is unreachable) and opened again when the window ends."""
    changed = threading.Event()
    while not stop.is_set():
        server = MockServer(address, store=store, secrets=secrets, admin_token=admin_token, faults=faults,
                            faults_changed=changed)
        thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
        thread.start()
        while not stop.is_set() and not changed.wait(0.2):
            pass
        changed.clear()
        time.sleep(0.05)  # let the admin call that asked for it get its answer
        server.shutdown()
        server.server_close()
        server.drop_connections()
        while faults.refusing() and not stop.is_set():
            time.sleep(0.05)
