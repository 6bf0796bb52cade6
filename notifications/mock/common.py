"""What both mock gateways share: the admin endpoints (token in a header, or ``?token=`` for the page a person
opens in a browser), the HTML list of received messages, and the process's start-up."""

from __future__ import annotations

import argparse
import html
import json
import logging
import os
import signal
import threading
from datetime import datetime
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from notifications.mock.store import Store
from portal import mockservice
from portal.mockservice import Faults, MockHandler

ADMIN_HEADER = "X-Mock-Admin"
PAGE = """<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 0; padding: 1rem; background: #f5f6f8; color: #1d2330; }}
h1 {{ font-size: 1.25rem; }} p.meta {{ color: #555; }}
ol {{ list-style: none; padding: 0; margin: 0; }}
li {{ background: #fff; border: 1px solid #d7dbe2; border-radius: .5rem; padding: .75rem; margin: 0 0 .75rem; }}
.head {{ display: flex; flex-wrap: wrap; gap: .25rem 1rem; font-size: .85rem; color: #444; }}
.text {{ margin: .5rem 0 0; white-space: pre-wrap; overflow-wrap: anywhere; font-size: 1rem; }}
.status {{ font-weight: 600; }}
</style></head>
<body><h1>{title}</h1><p class="meta">{count} tin nhắn gần nhất · messages received, newest first</p><ol>{items}</ol></body></html>
"""


def page(title: str, messages: list[dict]) -> bytes:
    items = []
    for message in messages:
        at = datetime.fromtimestamp(message["received_at"]).strftime("%d/%m/%Y %H:%M:%S")  # noqa: DTZ006
        extra = " · ".join(f"{html.escape(str(k))}: {html.escape(str(v))}" for k, v in message["meta"].items()
                           if isinstance(v, str | int) and k not in ("text",))
        items.append(
            f'<li><div class="head"><span>{html.escape(at)}</span><span>{html.escape(message["phone"])}</span>'
            f'<span class="status">{html.escape(message["status"])}</span><span>{extra}</span></div>'
            f'<p class="text">{html.escape(message["text"])}</p></li>')
    return PAGE.format(title=html.escape(title), count=len(messages), items="".join(items)).encode()


class GatewayHandler(MockHandler):
    """Health, admin (faults, messages, stats, reset, the page) and the faults before ``handle``."""

    title = "Mock gateway"

    def dispatch(self, method: str) -> None:
        url = urlsplit(self.path)
        body = self.read_body()
        if url.path == "/health":
            return self.send_json(200, {"status": "ok"})
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        if url.path.startswith("/admin/") or url.path == "/":
            return self._admin(method, url.path, body, query)
        status = self.server.faults.before_request()
        if status is not None:
            return self.send_json(status, {"error": "service unavailable"})
        self.server.store.count("requests")
        return self.handle_call(method, url.path, body)

    def handle_call(self, method: str, path: str, body: bytes) -> None:
        raise NotImplementedError

    def _admin(self, method: str, path: str, body: bytes, query: dict) -> None:
        token = self.headers.get(ADMIN_HEADER) or query.get("token", "")
        if token != self.server.admin_token:
            if path == "/":
                return self.send_bytes(401, "Cần mã quản trị: /?token=… (admin token required)".encode(),
                                       "text/plain; charset=utf-8")
            return self.send_json(401, {"error": "admin token required"})
        if self.fault_admin(method, path, body):
            return None
        store = self.server.store
        if path == "/" and method == "GET":
            return self.send_bytes(200, page(self.title, store.messages(phone=query.get("phone", ""))),
                                   "text/html; charset=utf-8")
        if path == "/admin/messages" and method == "GET":
            return self.send_json(200, {"messages": store.messages(phone=query.get("phone", ""))})
        if path == "/admin/stats" and method == "GET":
            return self.send_json(200, store.stats())
        if path == "/admin/reset" and method == "POST":
            store.reset()
            self.server.faults.update({"clear": True})
            return self.send_json(200, {"status": "reset"})
        return self.send_json(404, {"error": "not found"})

    def json_body(self, body: bytes) -> dict | None:
        try:
            data = json.loads(body or b"{}")
        except ValueError:
            return None
        return data if isinstance(data, dict) else None


class GatewayServer(mockservice.MockServer):
    def __init__(self, address, handler, *, store: Store, admin_token: str, faults: Faults, options: dict,
                 faults_changed: threading.Event | None = None):
        super().__init__(address, handler, faults=faults, faults_changed=faults_changed)
        self.store, self.admin_token, self.options = store, admin_token, options


def run(*, name: str, prefix: str, default_port: int, handler, add_arguments, options_from, argv=None) -> None:
    """Parse the flags (``{PREFIX}_MOCK_*`` in the environment), open the store and serve until a signal."""
    parser = argparse.ArgumentParser(description=f"Mock {name}")
    parser.add_argument("--host", default=os.environ.get(f"{prefix}_MOCK_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get(f"{prefix}_MOCK_PORT", str(default_port))))
    parser.add_argument("--db", default=os.environ.get(f"{prefix}_MOCK_DB",
                                                       str(Path("var") / f"{prefix.lower()}-mock.sqlite3")))
    parser.add_argument("--admin-token", default=os.environ.get(f"{prefix}_ADMIN_TOKEN") or f"dev-{prefix.lower()}-admin")
    add_arguments(parser)
    args = parser.parse_args(argv)
    logging.basicConfig(level=os.environ.get(f"{prefix}_MOCK_LOG_LEVEL", "INFO"),
                        format=f"%(asctime)s {prefix.lower()} %(message)s")
    Path(args.db).parent.mkdir(parents=True, exist_ok=True)
    faults = Faults()
    if os.environ.get(f"{prefix}_FAULTS"):
        faults.update(json.loads(os.environ[f"{prefix}_FAULTS"]))
    store, options = Store(args.db), options_from(args)
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    logging.info("mock %s on http://%s:%s (database %s; messages at /?token=…)", name, args.host, args.port, args.db)
    address = (args.host, args.port)
    mockservice.serve(lambda changed: GatewayServer(address, handler, store=store, admin_token=args.admin_token,
                                                    faults=faults, options=options, faults_changed=changed),
                      faults=faults, stop=stop)
