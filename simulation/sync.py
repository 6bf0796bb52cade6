"""The sync side of a run: the mock NPSP (started as its own process, or one already running), the faults
it is told to show, and the relay threads that deliver the outbox in-process through
outbox.relay.relay_batch, as the Celery task would."""

from __future__ import annotations

import logging
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import requests
from django.conf import settings
from django.db import connection

from outbox import services as outbox
from outbox.relay import relay_batch
from simulation.config import Faults

logger = logging.getLogger(__name__)
DEV_ADMIN_TOKEN = "dev-npsp-admin"  # the mock's own default (nationalportal/mock/__main__.py)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Npsp:
    """The mock NPSP seen from outside: its admin endpoint (stats and faults)."""

    def __init__(self, url: str, admin_token: str):
        self.url, self.admin_token = url.rstrip("/"), admin_token

    def _headers(self) -> dict:
        return {"X-NPSP-Admin": self.admin_token}

    def stats(self) -> dict:
        response = requests.get(f"{self.url}/admin/stats", headers=self._headers(), timeout=10)
        response.raise_for_status()
        return response.json()

    def faults(self, **values) -> dict:
        response = requests.post(f"{self.url}/admin/faults", json=values, headers=self._headers(), timeout=10)
        response.raise_for_status()
        return response.json()

    def healthy(self) -> bool:
        try:
            return requests.get(f"{self.url}/health", timeout=1).ok
        except requests.RequestException:
            return False

    def wait_up(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while not self.healthy():
            if time.monotonic() > deadline:
                raise RuntimeError(f"the mock NPSP at {self.url} does not answer")
            time.sleep(0.1)


@dataclass
class MockProcess:
    """``python -m nationalportal.mock`` on a free port with a fresh database in a temporary folder."""

    url: str
    admin_token: str
    key_id: str
    secret: str
    process: subprocess.Popen
    folder: Path

    @classmethod
    def start(cls) -> MockProcess:
        port, folder = free_port(), Path(tempfile.mkdtemp(prefix="simulate-npsp-"))
        admin_token, key_id, secret = secrets.token_hex(12), "province-simulation", secrets.token_hex(16)
        environment = {**os.environ, "NPSP_KEY_ID": key_id, "NPSP_SECRET": secret, "NPSP_ADMIN_TOKEN": admin_token,
                       "NPSP_MOCK_LOG_LEVEL": "WARNING"}
        log = open(folder / "npsp.log", "w")  # noqa: SIM115 - closed when the process is stopped
        process = subprocess.Popen(
            [sys.executable, "-m", "nationalportal.mock", "--host", "127.0.0.1", "--port", str(port),
             "--db", str(folder / "npsp.sqlite3")],
            cwd=settings.BASE_DIR, env=environment, stdout=log, stderr=subprocess.STDOUT)
        log.close()
        mock = cls(url=f"http://127.0.0.1:{port}", admin_token=admin_token, key_id=key_id, secret=secret,
                   process=process, folder=folder)
        try:
            Npsp(mock.url, admin_token).wait_up(15)
        except RuntimeError:
            mock.stop()
            raise
        return mock

    def log_tail(self) -> str:
        path = self.folder / "npsp.log"
        return path.read_text(errors="replace")[-2000:] if path.exists() else ""

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        shutil.rmtree(self.folder, ignore_errors=True)


class FaultSchedule:
    """Sets the steady faults at the start, and the down window when its time comes (a timer thread)."""

    def __init__(self, npsp: Npsp, faults: Faults):
        self.npsp, self.faults = npsp, faults
        self._timer: threading.Timer | None = None
        self.down_started_at: float | None = None

    def start(self, started: float) -> None:
        steady = {"latency_ms": self.faults.latency_ms, "error_rate": self.faults.error_rate,
                  "timeout_rate": self.faults.timeout_rate, "hang_seconds": 3 * settings.NPSP_TIMEOUT_SECONDS}
        self.npsp.faults(clear=True)
        self.npsp.faults(**steady)
        if self.faults.down_at is not None and self.faults.down_for > 0:
            delay = max(0.0, started + self.faults.down_at - time.monotonic())
            self._timer = threading.Timer(delay, self._go_down)
            self._timer.daemon = True
            self._timer.start()

    def _go_down(self) -> None:
        key = "refuse_for_seconds" if self.faults.down_mode == "refuse" else "down_for_seconds"
        try:
            self.npsp.faults(**{key: self.faults.down_for})
            self.down_started_at = time.monotonic()
        except requests.RequestException as error:
            logger.warning("could not take the mock NPSP down: %s", error)

    def stop(self) -> None:
        if self._timer is not None:
            self._timer.cancel()


@dataclass
class RelayStats:
    lock: threading.Lock = field(default_factory=threading.Lock)
    batches: int = 0
    delivered: int = 0
    retried: int = 0
    dead: int = 0
    errors: list[str] = field(default_factory=list)


class Relays:
    """Relay threads: claim and send batches while there are any, otherwise wait for a commit's kick."""

    def __init__(self, count: int):
        self.count = count
        self.wake = threading.Event()
        self.stopping = threading.Event()
        self.stats = RelayStats()
        self._threads: list[threading.Thread] = []

    def start(self) -> None:
        for number in range(self.count):
            thread = threading.Thread(target=self._loop, name=f"sim-relay-{number}", daemon=True)
            thread.start()
            self._threads.append(thread)

    def stop(self) -> None:
        self.stopping.set()
        self.wake.set()
        for thread in self._threads:
            thread.join(30)

    def _loop(self) -> None:
        try:
            while not self.stopping.is_set():
                try:
                    result = relay_batch()
                except Exception as error:  # noqa: BLE001 - a database hiccup: counted, retried
                    with self.stats.lock:
                        self.stats.errors.append(f"{type(error).__name__}: {error}"[:300])
                    connection.close()
                    self.stopping.wait(0.5)
                    continue
                with self.stats.lock:
                    self.stats.batches += bool(result.claimed)
                    self.stats.delivered += result.delivered
                    self.stats.retried += result.retried
                    self.stats.dead += result.dead
                if result.claimed == 0 or result.delivered == 0:
                    # Nothing due (or the NPSP failing): wait for a commit's kick, or poll for retries due.
                    self.wake.wait(0.25)
                    self.wake.clear()
        finally:
            connection.close()


@contextmanager
def kicks_wake(relays: Relays):
    """While relays run in-process, a commit's kick wakes them instead of queueing a Celery task (nobody
    would consume it, or a worker elsewhere would deliver to another NPSP)."""
    original = outbox.kick
    outbox.kick = relays.wake.set
    try:
        yield
    finally:
        outbox.kick = original
