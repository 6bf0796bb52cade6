"""Run the mock national identity provider (VNeID): ``python -m accounts.mock [--port 8003] [--db FILE]``.

Configuration (environment, or the flags): IDP_MOCK_HOST/PORT, IDP_MOCK_DB (its own SQLite file),
IDP_MOCK_ISSUER (its public address, as browsers and the portal reach it; default http://HOST:PORT),
IDP_MOCK_CLIENT_ID / IDP_MOCK_CLIENT_SECRET (the portal's registration: the same values as the portal's
OIDC_RP_CLIENT_ID / OIDC_RP_CLIENT_SECRET), IDP_MOCK_REDIRECT_URIS and IDP_MOCK_POST_LOGOUT_URIS (comma
separated, registered addresses), IDP_MOCK_PASSWORD (every demo identity's password), IDP_MOCK_ADMIN_TOKEN
(for /admin/), IDP_MOCK_FAULTS (JSON, e.g. '{"latency_ms": 200}'), IDP_MOCK_DEMO_HINTS (list the demo
identities on the login page, default true)."""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import threading
import time
from pathlib import Path

from werkzeug.serving import make_server

from accounts.mock.provider import Client
from accounts.mock.server import create_app
from accounts.mock.store import Store
from portal.mockservice import Faults

PORTALS = ("http://127.0.0.1:8000", "http://localhost:8000")


def _list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name, "").strip()
    return [item.strip() for item in raw.split(",") if item.strip()] if raw else default


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Mock national identity provider (VNeID, OpenID Connect)")
    parser.add_argument("--host", default=os.environ.get("IDP_MOCK_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("IDP_MOCK_PORT", "8003")))
    parser.add_argument("--db", default=os.environ.get("IDP_MOCK_DB", str(Path("var") / "idp-mock.sqlite3")))
    args = parser.parse_args(argv)
    logging.basicConfig(level=os.environ.get("IDP_MOCK_LOG_LEVEL", "INFO"), format="%(asctime)s idp %(message)s")
    Path(args.db).parent.mkdir(parents=True, exist_ok=True)
    faults = Faults()
    if os.environ.get("IDP_MOCK_FAULTS"):
        faults.update(json.loads(os.environ["IDP_MOCK_FAULTS"]))
    issuer = os.environ.get("IDP_MOCK_ISSUER", "").strip() or f"http://{args.host}:{args.port}"
    client = Client(
        client_id=os.environ.get("IDP_MOCK_CLIENT_ID") or "cong-mot-cua",
        client_secret=os.environ.get("IDP_MOCK_CLIENT_SECRET") or "dev-oidc-secret",
        redirect_uris=_list("IDP_MOCK_REDIRECT_URIS", [f"{p}/accounts/vneid/callback/" for p in PORTALS]),
        post_logout_redirect_uris=_list("IDP_MOCK_POST_LOGOUT_URIS", [f"{p}/" for p in PORTALS]),
    )
    store = Store(args.db, password=os.environ.get("IDP_MOCK_PASSWORD") or "Demo@Portal2025")
    app = create_app(store=store, client=client, issuer=issuer, faults=faults,
                     admin_token=os.environ.get("IDP_MOCK_ADMIN_TOKEN") or "dev-idp-admin",
                     show_demo_identities=os.environ.get("IDP_MOCK_DEMO_HINTS", "true").lower() in ("1", "true", "yes"))
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    logging.info("mock VNeID provider listening on http://%s:%s (issuer %s, database %s)",
                 args.host, args.port, issuer, args.db)
    serve(lambda: make_server(args.host, args.port, app, threaded=True), faults=faults, stop=stop)


def serve(make, *, faults: Faults, stop: threading.Event) -> None:
    """Serve until ``stop``; during a refuse window (POST /admin/faults {"refuse_for_seconds": N}) the
    listening socket is closed, so connections are refused as when the real provider is unreachable."""
    while not stop.is_set():
        server = make()
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True).start()
        while not stop.is_set() and not faults.refusing():
            stop.wait(0.1)
        time.sleep(0.05)  # let the admin call that asked for it get its answer
        server.shutdown()
        server.server_close()
        while faults.refusing() and not stop.is_set():
            time.sleep(0.05)


if __name__ == "__main__":
    main()
