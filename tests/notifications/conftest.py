"""The mock SMS gateway and Zalo ZNS as the separate processes they are (``python -m notifications.mock.sms``,
``... .zalo``), on free ports with their own databases, for tests that talk real HTTP to them."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from tests.dossiers.factories import make_world
from tests.nationalportal.conftest import free_port

ROOT = Path(__file__).resolve().parents[2]
ADMIN = "test-gateway-admin"
SMS_KEY, SMS_SECRET, BRANDNAME, ZALO_TOKEN = "test-sms-key", "test-sms-secret", "UBND TINH", "test-zalo-token"
NOT_ON_ZALO = "84911111111"


class Gateway:
    def __init__(self, url: str):
        self.url = url

    def _call(self, method: str, path: str, **kwargs):
        return requests.request(method, self.url + path, headers={"X-Mock-Admin": ADMIN}, timeout=5, **kwargs)

    def admin(self, **faults) -> dict:
        return self._call("POST", "/admin/faults", json=faults).json()

    def reset(self) -> None:
        self._call("POST", "/admin/reset").raise_for_status()

    def messages(self) -> list[dict]:
        return self._call("GET", "/admin/messages").json()["messages"]

    def stats(self) -> dict:
        return self._call("GET", "/admin/stats").json()

    def wait_for(self, condition, timeout: float = 15.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = condition()
            if value:
                return value
            time.sleep(0.1)
        raise AssertionError(f"timed out; gateway holds {self.messages()}")


def _start(module: str, tmp_path_factory, *extra: str):
    port = free_port()
    database = tmp_path_factory.mktemp(module.rsplit(".", 1)[1]) / "mock.sqlite3"
    environment = {**os.environ, "SMS_API_KEY": SMS_KEY, "SMS_SECRET": SMS_SECRET, "SMS_BRANDNAME": BRANDNAME,
                   "SMS_ADMIN_TOKEN": ADMIN, "ZALO_ADMIN_TOKEN": ADMIN, "ZALO_ACCESS_TOKEN": ZALO_TOKEN,
                   "SMS_MOCK_LOG_LEVEL": "WARNING", "ZALO_MOCK_LOG_LEVEL": "WARNING", "SMS_MOCK_DLR_DELAY": "0.2"}
    process = subprocess.Popen([sys.executable, "-m", module, "--port", str(port), "--db", str(database), *extra],
                               cwd=ROOT, env=environment)
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            requests.get(f"{url}/health", timeout=0.5)
            return process, url
        except requests.ConnectionError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"{module} did not start")


@pytest.fixture(scope="session")
def sms_process(tmp_path_factory):
    process, url = _start("notifications.mock.sms", tmp_path_factory, "--dlr-url", "", "--undeliverable",
                          "0977000000")
    yield url
    process.terminate()
    process.wait(10)


@pytest.fixture(scope="session")
def zalo_process(tmp_path_factory):
    process, url = _start("notifications.mock.zalo", tmp_path_factory, "--not-on-zalo", NOT_ON_ZALO)
    yield url
    process.terminate()
    process.wait(10)


def gateway_settings(sms_url: str = "", zalo_url: str = "") -> dict[str, str]:
    """The portal's settings for the mocks (also a worker's environment, tests/processes.py)."""
    return {"SMS_URL": sms_url, "SMS_API_KEY": SMS_KEY, "SMS_SECRET": SMS_SECRET, "SMS_BRANDNAME": BRANDNAME,
            "ZALO_URL": zalo_url, "ZALO_ACCESS_TOKEN": ZALO_TOKEN, "NOTIFY_TIMEOUT_SECONDS": "2",
            "SMS_DELIVERY_REPORT_URL": "http://127.0.0.1:9/unreachable/"}


@pytest.fixture
def sms(sms_process, settings) -> Gateway:
    for name, value in gateway_settings(sms_url=sms_process).items():
        setattr(settings, name, float(value) if name == "NOTIFY_TIMEOUT_SECONDS" else value)
    gateway = Gateway(sms_process)
    gateway.reset()
    yield gateway
    gateway.admin(clear=True)


@pytest.fixture
def zalo(zalo_process, sms, settings) -> Gateway:
    settings.ZALO_URL = zalo_process
    gateway = Gateway(zalo_process)
    gateway.reset()
    return gateway


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def world(db):
    return make_world()
