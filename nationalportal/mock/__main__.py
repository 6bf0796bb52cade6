"""Run the mock National Public Service Portal: ``python -m nationalportal.mock [--port 8001]``.

Configuration (environment, or the flags): NPSP_MOCK_HOST/PORT, NPSP_MOCK_DB (its own SQLite file),
NPSP_KEY_ID and NPSP_SECRET (the credentials the portal signs with), NPSP_ADMIN_TOKEN (for /admin/),
NPSP_FAULTS (JSON, e.g. '{"latency_ms": 200, "error_rate": 0.1}')."""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import threading
from pathlib import Path

from nationalportal.mock.server import serve
from nationalportal.mock.store import Store
from portal.mockservice import Faults


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Mock National Public Service Portal")
    parser.add_argument("--host", default=os.environ.get("NPSP_MOCK_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("NPSP_MOCK_PORT", "8001")))
    parser.add_argument("--db", default=os.environ.get("NPSP_MOCK_DB", str(Path("var") / "npsp-mock.sqlite3")))
    args = parser.parse_args(argv)
    logging.basicConfig(level=os.environ.get("NPSP_MOCK_LOG_LEVEL", "INFO"), format="%(asctime)s npsp %(message)s")
    Path(args.db).parent.mkdir(parents=True, exist_ok=True)
    faults = Faults()
    if os.environ.get("NPSP_FAULTS"):
        faults.update(json.loads(os.environ["NPSP_FAULTS"]))
    secrets = {os.environ.get("NPSP_KEY_ID", "province-22"): os.environ.get("NPSP_SECRET", "dev-npsp-secret")}
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    logging.info("mock NPSP listening on http://%s:%s (database %s)", args.host, args.port, args.db)
    serve((args.host, args.port), store=Store(args.db), secrets=secrets,
          admin_token=os.environ.get("NPSP_ADMIN_TOKEN", "dev-npsp-admin"), faults=faults, stop=stop)


if __name__ == "__main__":
    main()
