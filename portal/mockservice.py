"""The common ground of the mock services that stand for parties outside the portal (the National Public
Service Portal in nationalportal/mock/, the national document axis in axis/mock/): faults on demand, a
threaded HTTP server that knows its open connections, and the serve loop that closes the listening socket
during a refuse window. Standard library only: each mock is a separate process and loads no Django.

Each mock keeps its state in its own SQLite file (``SqliteStore``), shared by the server's threads.

Faults: added latency, a share of 503 answers, a share of requests left hanging past any client timeout,
and windows during which the service answers 503 to everything (``down``) or refuses connections
(``refuse``). Each mock sets them through its ``POST /admin/faults`` or an environment variable (JSON)."""

from __future__ import annotations

import json
import logging
import random
import socket
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

logger = logging.getLogger("mockservice")


@dataclass
class Faults:
    latency_ms: int = 0
    error_rate: float = 0.0  # share of requests answered 503
    timeout_rate: float = 0.0  # share of requests held for hang_seconds before any answer
    hang_seconds: float = 30.0
    down_until: float = 0.0  # monotonic deadline: answer 503 to everything until then
    refuse_until: float = 0.0  # monotonic deadline: connections refused until then
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def update(self, values: dict) -> None:
        now = time.monotonic()
        with self._lock:
            for name in ("latency_ms", "error_rate", "timeout_rate", "hang_seconds"):
                if name in values:
                    setattr(self, name, type(getattr(self, name))(values[name]))
            if "down_for_seconds" in values:
                self.down_until = now + float(values["down_for_seconds"])
            if "refuse_for_seconds" in values:
                self.refuse_until = now + float(values["refuse_for_seconds"])
            if values.get("clear"):
                self.latency_ms, self.error_rate, self.timeout_rate = 0, 0.0, 0.0
                self.down_until = self.refuse_until = 0.0

    def as_dict(self) -> dict:
        now = time.monotonic()
        return {
            "latency_ms": self.latency_ms, "error_rate": self.error_rate, "timeout_rate": self.timeout_rate,
            "hang_seconds": self.hang_seconds, "down_for_seconds": max(0.0, self.down_until - now),
            "refuse_for_seconds": max(0.0, self.refuse_until - now),
        }

    def refusing(self) -> bool:
        return time.monotonic() < self.refuse_until

    def before_request(self) -> int | None:
        """Apply latency/hang; the status to answer instead of handling (503), or None."""
        if self.latency_ms:
            time.sleep(self.latency_ms / 1000)
        if self.timeout_rate and random.random() < self.timeout_rate:
            time.sleep(self.hang_seconds)
        if time.monotonic() < self.down_until:
            return 503
        if self.error_rate and random.random() < self.error_rate:
            return 503
        return None


class MockHandler(BaseHTTPRequestHandler):
    """Keep-alive HTTP/1.1 with JSON answers; a subclass implements ``dispatch(method)``."""

    server: MockServer
    log = logger  # each mock names its own
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
        self.log.debug("%s " + format, self.address_string(), *args)

    def do_GET(self):  # noqa: N802
        self.dispatch("GET")

    def do_POST(self):  # noqa: N802
        self.dispatch("POST")

    def dispatch(self, method: str) -> None:
        raise NotImplementedError

    def send_json(self, status: int, data: dict) -> None:
        self.send_bytes(status, json.dumps(data, ensure_ascii=False).encode(), "application/json; charset=utf-8")

    def send_bytes(self, status: int, body: bytes, content_type: str, *, close: bool = False) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        if close:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        self.wfile.write(body)

    def content_length(self) -> int:
        """The announced body length (0 when absent); -1 when it is not a number."""
        try:
            return max(0, int(self.headers.get("Content-Length") or 0))
        except ValueError:
            return -1

    def read_body(self) -> bytes:
        length = self.content_length()
        return self.rfile.read(length) if length > 0 else b""

    def fault_admin(self, method: str, path: str, body: bytes) -> bool:
        """Answer ``/admin/faults`` (GET: the faults now, POST: change them); False for any other path.
        The caller has checked the admin token."""
        if path != "/admin/faults" or method not in ("GET", "POST"):
            return False
        if method == "POST":
            try:
                values = json.loads(body or b"{}")
                if not isinstance(values, dict):
                    raise TypeError("a JSON object is expected")
                self.server.faults.update(values)
            except (ValueError, TypeError) as error:
                self.send_json(400, {"error": str(error)})
                return True
            self.server.refuse_if_asked()
        self.send_json(200, self.server.faults.as_dict())
        return True


class MockServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, address, handler: type[MockHandler], *, faults: Faults,
                 faults_changed: threading.Event | None = None):
        super().__init__(address, handler)
        self.faults = faults
        self.faults_changed = faults_changed or threading.Event()
        self.connections: set = set()  # open keep-alive connections, cut when the service "goes away"

    def drop_connections(self) -> None:
        for connection in list(self.connections):
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def refuse_if_asked(self) -> None:
        if self.faults.refusing():
            self.faults_changed.set()


def serve(make_server: Callable[[threading.Event], MockServer], *, faults: Faults, stop: threading.Event) -> None:
    """Serve until ``stop``; during a refuse window the listening socket is closed (connections are
    refused, as when the real party is unreachable) and opened again when the window ends.
    ``make_server(faults_changed)`` binds a fresh server each time."""
    changed = threading.Event()
    while not stop.is_set():
        server = make_server(changed)
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


class SqliteStore:
    """A mock's own SQLite file, shared by the server's threads: one connection a thread (WAL, autocommit),
    one writer at a time (``_writing()``: a transaction under ``_write``), and named counters for tests and
    demos. A subclass gives ``SCHEMA`` (with a ``counters(name PRIMARY KEY, value)`` table) and ``COUNTERS``,
    and adds its own first rows in ``seed(db)``."""

    SCHEMA = ""
    COUNTERS: tuple[str, ...] = ()

    def __init__(self, path: str | Path):
        self.path = str(path)
        self._local = threading.local()
        self._write = threading.Lock()
        db = self._connection()
        db.executescript(self.SCHEMA)
        db.executemany("INSERT OR IGNORE INTO counters VALUES (?, 0)", [(name,) for name in self.COUNTERS])
        self.seed(db)

    def seed(self, db: sqlite3.Connection) -> None:
        """The rows a new file starts with (run at every start: insert only what is missing)."""

    def _connection(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.row_factory = sqlite3.Row
            self._local.db = db
        return db

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """One transaction, one writer at a time."""
        with self._write:
            db = self._connection()
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise

    def count(self, name: str, by: int = 1) -> None:
        self._connection().execute(
            "INSERT INTO counters VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = value + ?", (name, by, by))

    def counter_values(self) -> dict[str, int]:
        return {row["name"]: row["value"] for row in self._connection().execute("SELECT name, value FROM counters")}
