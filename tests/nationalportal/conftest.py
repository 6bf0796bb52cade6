"""The mock NPSP as the real separate process it is in production (``python -m nationalportal.mock``),
on a free port with its own database, for tests that talk real HTTP to it."""

from __future__ import annotations

import json
import socket
import time
from pathlib import Path

import pytest
import requests

from nationalportal import signing
from tests.processes import mock_service

ROOT = Path(__file__).resolve().parents[2]
ADMIN = "test-admin-token"
KEY_ID, SECRET = "province-test", "test-secret"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def npsp_environment(url: str) -> dict[str, str]:
    """The settings of a worker that syncs with the mock NPSP at ``url`` (tests/processes.py), retrying fast."""
    return {"NPSP_URL": url, "NPSP_KEY_ID": KEY_ID, "NPSP_SECRET": SECRET, "NPSP_TIMEOUT_SECONDS": "5",
            "NPSP_RETRY_BASE_SECONDS": "0.2", "NPSP_RETRY_MAX_SECONDS": "1", "NPSP_RELAY_EVERY_SECONDS": "1"}


class Npsp:
    def __init__(self, url: str):
        self.url = url

    def admin(self, **faults) -> dict:
        return requests.post(f"{self.url}/admin/faults", json=faults, headers={"X-NPSP-Admin": ADMIN}, timeout=5).json()

    def wait_up(self, timeout: float = 10.0) -> None:
        """Until the mock accepts connections again (after a refuse window)."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                requests.get(f"{self.url}/health", timeout=1)
                return
            except requests.ConnectionError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)

    def reset(self) -> None:
        requests.post(f"{self.url}/admin/reset", headers={"X-NPSP-Admin": ADMIN}, timeout=5).raise_for_status()

    def get(self, path: str) -> dict:
        headers = signing.signed_headers(key_id=KEY_ID, secret=SECRET, method="GET", path=path.split("?")[0], body=b"")
        response = requests.get(self.url + path, headers=headers, timeout=5)
        response.raise_for_status()
        return response.json()

    def stats(self) -> dict:
        return requests.get(f"{self.url}/admin/stats", headers={"X-NPSP-Admin": ADMIN}, timeout=5).json()

    def wait_for(self, condition, *, timeout: float = 30.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = condition()
            if value:
                return value
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting; last stats {json.dumps(self.stats())}")


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Argon2 costs ~0.6 s a user and a test world has ten: hash test passwords cheaply."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def npsp_process(tmp_path_factory):
    port = free_port()
    database = tmp_path_factory.mktemp("npsp") / "npsp.sqlite3"
    environment = {"NPSP_KEY_ID": KEY_ID, "NPSP_SECRET": SECRET, "NPSP_ADMIN_TOKEN": ADMIN,
                   "NPSP_MOCK_LOG_LEVEL": "WARNING"}
    process, url = mock_service("nationalportal.mock", port=port, args=["--db", str(database)], environment=environment,
                                name="the mock NPSP")
    yield url
    process.terminate()
    process.wait(10)


@pytest.fixture
def npsp(npsp_process, settings) -> Npsp:
    """The running mock, emptied, with the portal's settings pointing at it (fast retries for tests)."""
    settings.NPSP_URL, settings.NPSP_KEY_ID, settings.NPSP_SECRET = npsp_process, KEY_ID, SECRET
    settings.NPSP_RETRY_BASE_SECONDS, settings.NPSP_RETRY_MAX_SECONDS = 0.2, 1.0
    settings.NPSP_TIMEOUT_SECONDS = 2
    mock = Npsp(npsp_process)
    mock.wait_up()
    mock.reset()
    yield mock
    mock.wait_up()
    mock.admin(clear=True)
