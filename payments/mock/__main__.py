"""Run the mock national payment platform: ``python -m payments.mock [--port 8004] [--db FILE]``.

Configuration (environment, or the flags): PAYMENT_MOCK_HOST/PORT, PAYMENT_MOCK_DB (its own SQLite file),
PAYMENT_MOCK_PUBLIC_URL (where browsers reach its payment page; default http://127.0.0.1:PORT),
PAYMENT_MERCHANT_ID and PAYMENT_SECRET (the merchant the portal is, and the secret both sign with),
PAYMENT_MERCHANT_NAME, PAYMENT_MOCK_ADMIN_TOKEN (for /admin/), PAYMENT_MOCK_RETRY_BASE_SECONDS,
PAYMENT_MOCK_RETRY_MAX_SECONDS, PAYMENT_MOCK_MAX_ATTEMPTS (the callbacks' retries), PAYMENT_MOCK_FAULTS (JSON)."""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import threading
from pathlib import Path

from payments.mock.server import Merchant, Platform, serve
from payments.mock.store import Store
from portal.mockservice import Faults


def main(argv: list[str] | None = None) -> None:
    env = os.environ.get
    parser = argparse.ArgumentParser(description="Mock national payment platform")
    parser.add_argument("--host", default=env("PAYMENT_MOCK_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(env("PAYMENT_MOCK_PORT", "8004")))
    parser.add_argument("--db", default=env("PAYMENT_MOCK_DB", str(Path("var") / "payment-mock.sqlite3")))
    parser.add_argument("--public-url", default=env("PAYMENT_MOCK_PUBLIC_URL", ""))
    args = parser.parse_args(argv)
    logging.basicConfig(level=env("PAYMENT_MOCK_LOG_LEVEL", "INFO"), format="%(asctime)s payments %(message)s")
    Path(args.db).parent.mkdir(parents=True, exist_ok=True)
    faults = Faults()
    if env("PAYMENT_MOCK_FAULTS"):
        faults.update(json.loads(env("PAYMENT_MOCK_FAULTS")))
    merchant = Merchant(merchant_id=env("PAYMENT_MERCHANT_ID", "CONGMOTCUA"), secret=env("PAYMENT_SECRET") or
                        "dev-payment-secret", name=env("PAYMENT_MERCHANT_NAME", "Cổng Dịch vụ công tỉnh (thử nghiệm)"))
    public_url = (args.public_url or f"http://127.0.0.1:{args.port}").rstrip("/")
    platform = Platform(store=Store(args.db), merchants={merchant.merchant_id: merchant},
                        admin_token=env("PAYMENT_MOCK_ADMIN_TOKEN", "dev-payment-admin"), public_url=public_url,
                        retry_base=float(env("PAYMENT_MOCK_RETRY_BASE_SECONDS", "2")),
                        retry_max=float(env("PAYMENT_MOCK_RETRY_MAX_SECONDS", "300")),
                        max_attempts=int(env("PAYMENT_MOCK_MAX_ATTEMPTS", "12")))
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    logging.info("mock payment platform listening on http://%s:%s (page %s, database %s)", args.host, args.port,
                 public_url, args.db)
    serve((args.host, args.port), platform=platform, faults=faults, stop=stop)


if __name__ == "__main__":
    main()
