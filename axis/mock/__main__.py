"""Run the mock national document axis: ``python -m axis.mock [--host] [--port 8002] [--dir var/axis-mock]``.

Configuration (environment, or the flags): AXIS_MOCK_HOST/PORT, AXIS_MOCK_DIR (its folder: axis.sqlite3,
the root certificate ca.pem that the portal trusts, the organs' keys), AXIS_SYSTEM_ID and AXIS_SECRET (the
one client system, the province, and the secret it signs its requests with), AXIS_ADMIN_TOKEN (for
/admin/), AXIS_FAULTS (JSON, e.g. '{"latency_ms": 200}'), AXIS_MOCK_STATUS_DELAYS (seconds after a
document's arrival at which an external organ sends each status, "01=1,03=4,04=8,05=12,06=20"), and
AXIS_MOCK_DEMO ("true": each organ registered for the first time gets a letter from the other province
AXIS_MOCK_DEMO_DELAY_SECONDS, default 3, later; off unless set)."""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import threading
import warnings
from pathlib import Path

# pyHanko (the organs sign their PDFs with it) imports cryptography's DSA names; the organs' keys are RSA.
warnings.filterwarnings("ignore", message="DSA is deprecated")

from axis.mock.demo import DEFAULT_DELAY_SECONDS, DemoArrivals  # noqa: E402
from axis.mock.organs import DEFAULT_DELAYS, EXTERNAL, Organs, parse_delays  # noqa: E402
from axis.mock.pki import Pki  # noqa: E402
from axis.mock.server import serve  # noqa: E402
from axis.mock.store import Store  # noqa: E402
from portal.mockservice import Faults  # noqa: E402


def _env(name: str, default: str) -> str:
    """An empty value counts as unset (compose passes ``${X:-}`` through as "")."""
    return os.environ.get(name, "").strip() or default


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Mock national document axis")
    parser.add_argument("--host", default=_env("AXIS_MOCK_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(_env("AXIS_MOCK_PORT", "8002")))
    parser.add_argument("--dir", default=_env("AXIS_MOCK_DIR", str(Path("var") / "axis-mock")))
    args = parser.parse_args(argv)
    logging.basicConfig(level=_env("AXIS_MOCK_LOG_LEVEL", "INFO"), format="%(asctime)s axis %(message)s")
    logging.getLogger("fontTools").setLevel(logging.WARNING)  # fpdf2 subsetting the letters' font, line by line
    directory = Path(args.dir)
    directory.mkdir(parents=True, exist_ok=True)
    faults = Faults()
    faults.update(json.loads(_env("AXIS_FAULTS", "{}")))
    store = Store(directory / "axis.sqlite3")
    store.seed_organs(EXTERNAL)
    pki = Pki(directory, EXTERNAL)
    organs = Organs(store, pki, delays=parse_delays(_env("AXIS_MOCK_STATUS_DELAYS", DEFAULT_DELAYS)))
    secrets = {_env("AXIS_SYSTEM_ID", "province-22"): _env("AXIS_SECRET", "dev-axis-secret")}
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    demo = None
    if _env("AXIS_MOCK_DEMO", "false").lower() in ("1", "true", "yes", "on"):
        demo = DemoArrivals(store, pki, delay=float(_env("AXIS_MOCK_DEMO_DELAY_SECONDS", str(DEFAULT_DELAY_SECONDS))))
    ticker = threading.Thread(target=organs.run, args=(stop,), kwargs={"also": [demo.tick] if demo else []},
                              name="external-organs", daemon=True)
    ticker.start()
    logging.info("mock axis listening on http://%s:%s (folder %s, trust anchor %s%s)", args.host, args.port,
                 directory, pki.ca_path, ", demo arrivals on" if demo else "")
    serve((args.host, args.port), store=store, pki=pki, organs=organs, secrets=secrets,
          admin_token=_env("AXIS_ADMIN_TOKEN", "dev-axis-admin"), faults=faults, stop=stop,
          arrivals=demo.plan if demo else ())
    ticker.join(5)


if __name__ == "__main__":
    main()
