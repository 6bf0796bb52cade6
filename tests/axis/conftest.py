"""The mock national document axis as the separate process it is (``python -m axis.mock``), on a free port
in a folder of its own, every external organ answering at once (all status delays 0). ``axis_mock`` is the
running service, emptied before each test: its url, signed calls as the province system, the admin
helpers, and its root certificate (``ca``) that the portal trusts. No database is needed.

Set AXIS_MOCK_TEST_PORTS="18102-18120" to keep the mock's port within a range (else the OS picks one); under
pytest-xdist the workers share the range out."""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import subprocess
import sys
import time
import uuid
from functools import cache
from pathlib import Path

import font_roboto
import pytest
import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from fpdf import FPDF

from axis import edxml, xmlsig
from portal.signedrequests import Scheme
from tests.workers import worker_index

ROOT = Path(__file__).resolve().parents[2]
SYSTEM_ID, SECRET, ADMIN = "province-test", "test-axis-secret", "test-axis-admin"
SCHEME = Scheme("Axis")
PROVINCE, DEPARTMENT = "000.00.00.H22", "000.00.12.H22"  # our organs: the People's Committee, a department
MINISTRY, GOVERNMENT_OFFICE, NGHE_AN = "000.00.00.G09", "000.00.00.G22", "000.00.00.H41"
ZERO_DELAYS = "01=0,03=0,04=0,05=0,06=0"


def free_port() -> int:
    ports = os.environ.get("AXIS_MOCK_TEST_PORTS", "")
    candidates = range(int(ports.split("-")[0]), int(ports.split("-")[1]) + 1) if ports else [0]
    if ports and worker_index() is not None:  # pytest-xdist: each worker searches its own slice of the range
        count = int(os.environ["PYTEST_XDIST_WORKER_COUNT"])
        candidates = candidates[worker_index()::count]
    for port in candidates:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return probe.getsockname()[1]
    raise RuntimeError(f"no free port in {ports}")


class AxisMock:
    """A handle on the running mock: start/stop/restart it, call it as the province, drive it as admin."""

    def __init__(self, directory: Path, port: int, environment: dict[str, str] | None = None):
        self.directory, self.port, self.environment = directory, port, environment or {}
        self.url = f"http://127.0.0.1:{port}"
        self.system_id, self.secret, self.admin_token = SYSTEM_ID, SECRET, ADMIN
        self.process: subprocess.Popen | None = None

    # The process ----------------------------------------------------------------------------------------

    def start(self) -> None:
        environment = {key: value for key, value in os.environ.items() if key not in ("AXIS_FAULTS", "AXIS_MOCK_DEMO")}
        # The demo's arrivals are off unless asked for, and immediate when they are (or wrongly would be).
        environment.update({"AXIS_SYSTEM_ID": SYSTEM_ID, "AXIS_SECRET": SECRET, "AXIS_ADMIN_TOKEN": ADMIN,
                            "AXIS_MOCK_STATUS_DELAYS": ZERO_DELAYS, "AXIS_MOCK_LOG_LEVEL": "WARNING",
                            "AXIS_MOCK_DEMO_DELAY_SECONDS": "0", **self.environment})
        self.process = subprocess.Popen(
            [sys.executable, "-m", "axis.mock", "--port", str(self.port), "--dir", str(self.directory)],
            cwd=ROOT, env=environment)
        self.wait_up(timeout=30)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)

    def restart(self) -> None:
        self.stop()
        self.start()

    def wait_up(self, timeout: float = 10.0) -> None:
        """Until the mock accepts connections (after a start or a refuse window)."""
        deadline = time.monotonic() + timeout
        while True:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(f"the mock axis exited with {self.process.returncode}")
            try:
                requests.get(f"{self.url}/health", timeout=1)
                return
            except requests.ConnectionError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)

    @property
    def ca_path(self) -> Path:
        return self.directory / "ca.pem"

    @property
    def ca(self) -> x509.Certificate:
        return x509.load_pem_x509_certificate(self.ca_path.read_bytes())

    # Calls as the province system -----------------------------------------------------------------------

    def call(self, method: str, path: str, *, body: bytes = b"", headers: dict | None = None,
             system_id: str = SYSTEM_ID, secret: str = SECRET, timeout: float = 10) -> requests.Response:
        """A signed call (the signature covers the path without its query)."""
        signed = SCHEME.signed_headers(key_id=system_id, secret=secret, method=method, path=path.split("?")[0],
                                       body=body)
        return requests.request(method, self.url + path, data=body, headers={**signed, **(headers or {})},
                                timeout=timeout)

    def register(self, organ_id: str, name: str) -> requests.Response:
        return self.call("POST", "/v1/organs", body=json.dumps({"organ_id": organ_id, "name": name}).encode(),
                         headers={"Content-Type": "application/json"})

    def post_message(self, data: bytes, key: str | None = None) -> requests.Response:
        headers = {"Content-Type": "application/xml", "X-Axis-Message-Id": key or uuid.uuid4().hex}
        return self.call("POST", "/v1/messages", body=data, headers=headers)

    def mailbox(self, organ_id: str, limit: int | None = None) -> list[dict]:
        query = f"?organ={organ_id}" + (f"&limit={limit}" if limit else "")
        response = self.call("GET", "/v1/mailbox" + query)
        response.raise_for_status()
        return response.json()["messages"]

    def fetch(self, entry_id: str) -> bytes:
        response = self.call("GET", f"/v1/messages/{entry_id}")
        response.raise_for_status()
        return response.content

    def ack(self, entry_id: str) -> requests.Response:
        return self.call("POST", f"/v1/messages/{entry_id}/ack")

    # Admin ------------------------------------------------------------------------------------------------

    def admin(self, method: str, path: str, values: dict | None = None) -> requests.Response:
        return requests.request(method, self.url + path, json=values, headers={"X-Axis-Admin": ADMIN}, timeout=10)

    def faults(self, **values) -> dict:
        return self.admin("POST", "/admin/faults", values).json()

    def behaviour(self, **values) -> dict:
        response = self.admin("POST", "/admin/behaviour", values)
        response.raise_for_status()
        return response.json()

    def send(self, sender: str, to: str, **values) -> dict:
        """An external organ sends a document into our organ's mailbox (POST /admin/send)."""
        response = self.admin("POST", "/admin/send", {"from": sender, "to": to, **values})
        response.raise_for_status()
        return response.json()

    def received(self, organ_id: str) -> dict:
        return self.admin("GET", f"/admin/received?organ={organ_id}").json()

    def stats(self) -> dict:
        return self.admin("GET", "/admin/stats").json()

    def reset(self) -> None:
        self.admin("POST", "/admin/reset").raise_for_status()

    def wait_for(self, condition, *, timeout: float = 15.0, message: str = ""):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = condition()
            if value:
                return value
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting {message}; stats {self.stats()}")

    def wait_mailbox(self, organ_id: str, count: int, *, timeout: float = 15.0) -> list[dict]:
        """The mailbox once it holds at least ``count`` entries."""
        def enough():
            entries = self.mailbox(organ_id)
            return entries if len(entries) >= count else None

        return self.wait_for(enough, timeout=timeout, message=f"for {count} entries in {organ_id}'s mailbox")


# The province's side: a signing certificate of its own and packages -------------------------------------

@cache
def province_signer() -> tuple[rsa.RSAPrivateKey, x509.Certificate]:
    """A self-made certificate for the province's packages (the axis and its organs check the signature,
    not whose CA issued it)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Ủy ban nhân dân tỉnh (thử nghiệm)")])
    now = dt.datetime.now(dt.UTC)
    certificate = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
                   .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
                   .not_valid_after(now + dt.timedelta(days=30))
                   .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
                   .sign(key, hashes.SHA256()))
    return key, certificate


def pdf(text: str) -> bytes:
    document = FPDF()
    document.add_font("Roboto", "", font_roboto.Roboto)
    document.set_font("Roboto", size=12)
    document.add_page()
    document.multi_cell(0, 7, text)
    return bytes(document.output())


def package(*, to: tuple[str, ...] = (MINISTRY,), sender: str = PROVINCE, number: str = "15",
            notation: str = "UBND-VP", business: int = edxml.NEW, reason: str = "", attachments=None,
            subject: str = "Về việc báo cáo kết quả vận hành chính quyền địa phương hai cấp") -> edxml.Package:
    today = dt.date.today()
    return edxml.Package(
        sender=edxml.Organ(sender, "Ủy ban nhân dân tỉnh"), recipients=[edxml.Organ(o, o) for o in to],
        document_id=edxml.document_id(sender, today, f"{number}/{notation}"), code_number=number,
        code_notation=notation, subject=subject, type_name="Công văn", promulgation_date=today, place="Hạ Long",
        signer_position="Chủ tịch", signer_name="Nguyễn Văn An", business=business, business_reason=reason,
        trace=[(sender, dt.datetime.now().replace(microsecond=0))],
        attachments=[edxml.Attachment("cong-van.pdf", pdf(subject))] if attachments is None else attachments)


def signed(data: bytes) -> bytes:
    key, certificate = province_signer()
    return xmlsig.sign(data, key=key, chain=[certificate])


def signed_package(**values) -> bytes:
    return signed(edxml.build_package(package(**values)))


@pytest.fixture(scope="session")
def axis_mock_process(tmp_path_factory):
    mock = AxisMock(tmp_path_factory.mktemp("axis-mock"), free_port())
    mock.start()
    yield mock
    mock.stop()


@pytest.fixture
def axis_mock(axis_mock_process) -> AxisMock:
    """The running mock, emptied, the province's two organs registered, no faults."""
    mock = axis_mock_process
    if mock.process is None or mock.process.poll() is not None:
        mock.start()
    mock.wait_up()
    mock.reset()
    for organ_id, name in ((PROVINCE, "Ủy ban nhân dân tỉnh"), (DEPARTMENT, "Sở Nội vụ")):
        mock.register(organ_id, name).raise_for_status()
    yield mock
    if mock.process.poll() is None:
        mock.wait_up()
        mock.faults(clear=True)
