"""A dossier world whose procedure has fees, and the mock payment platform as the real separate process it is
(``python -m payments.mock``) on a free port, with its own database."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
import requests

from payments import signing
from procedures.models import Fee, ProcedureVersion
from tests.dossiers.factories import make_world
from tests.nationalportal.conftest import free_port
from tests.processes import mock_service

ROOT = Path(__file__).resolve().parents[2]
ADMIN = "test-payment-admin"
MERCHANT, SECRET = "TESTMERCHANT", "test-payment-secret"
FEES = (("Lệ phí đăng ký khai sinh", "Birth registration charge", 50_000),
        ("Phí cấp bản sao trích lục", "Copy of the extract", 8_000))


def with_fees(world, timing: str = ProcedureVersion.PaymentTiming.BEFORE_SUBMISSION):
    for position, (description, description_en, amount) in enumerate(FEES, start=1):
        Fee.objects.create(version=world.version, position=position, description=description,
                           description_en=description_en, amount=amount)
    ProcedureVersion.objects.filter(pk=world.version.pk).update(payment_timing=timing)
    world.version.refresh_from_db()
    return world


TOTAL = sum(amount for *_rest, amount in FEES)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _payment_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PAYMENT_MERCHANT_ID, settings.PAYMENT_SECRET = MERCHANT, SECRET
    settings.PAYMENT_URL = "http://127.0.0.1:9"  # nothing listens there unless a test starts the mock
    settings.PAYMENT_TIMEOUT_SECONDS = 2


@pytest.fixture
def world(db):
    return with_fees(make_world())


@pytest.fixture
def on_request_world(db):
    return with_fees(make_world(), ProcedureVersion.PaymentTiming.ON_REQUEST)


def ipn_fields(payment, *, status="paid", amount=None, transaction_id="NTT0001", **extra) -> dict:
    """A callback as the platform signs it."""
    fields = {"merchant_id": MERCHANT, "order_id": payment.order_id, "amount": payment.amount if amount is None else amount,
              "status": status, "transaction_id": transaction_id if status == "paid" else "",
              "paid_at": "2026-03-02T03:04:05+00:00" if status == "paid" else "", **extra}
    return signing.signed(fields, SECRET)


class Platform:
    def __init__(self, url: str):
        self.url = url

    def admin(self, path: str, payload: dict | None = None, method: str = "POST") -> dict:
        response = requests.request(method, f"{self.url}{path}", json=payload, headers={"X-Payment-Admin": ADMIN},
                                    timeout=5)
        response.raise_for_status()
        return response.json()

    def faults(self, **values) -> dict:
        return self.admin("/admin/faults", values)

    def callbacks(self, order_id: str) -> list[dict]:
        return self.admin(f"/admin/callbacks?order_id={order_id}", method="GET")["callbacks"]

    def wait_for(self, condition, *, timeout: float = 20.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = condition()
            if value:
                return value
            time.sleep(0.1)
        from payments.models import PaymentCallback

        logged = list(PaymentCallback.objects.values_list("source", "outcome", "signature_ok", "raw"))
        raise AssertionError(f"timed out; platform stats {json.dumps(self.admin('/admin/stats', method='GET'))}; "
                             f"received {logged}")


@pytest.fixture(scope="session")
def platform_process(tmp_path_factory):
    port = free_port()
    database = tmp_path_factory.mktemp("payments") / "payment-mock.sqlite3"
    environment = {"PAYMENT_MERCHANT_ID": MERCHANT, "PAYMENT_SECRET": SECRET,
                   "PAYMENT_MOCK_ADMIN_TOKEN": ADMIN, "PAYMENT_MOCK_LOG_LEVEL": "WARNING",
                   "PAYMENT_MOCK_RETRY_BASE_SECONDS": "0.2", "PAYMENT_MOCK_RETRY_MAX_SECONDS": "1"}
    process, url = mock_service("payments.mock", port=port, args=["--db", str(database)], environment=environment,
                                name="the mock payment platform")
    yield url
    process.terminate()
    process.wait(10)


@pytest.fixture
def platform(platform_process, settings) -> Platform:
    """The running mock, emptied, with the portal's settings pointing at it."""
    settings.PAYMENT_URL = platform_process
    mock = Platform(platform_process)
    mock.admin("/admin/reset")
    yield mock
    mock.admin("/admin/reset")
