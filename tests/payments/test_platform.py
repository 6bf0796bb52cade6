"""The mock payment platform as the separate process it is, over real HTTP, with the portal live: the order,
its page, the signed return, the callbacks (retried, duplicated, held and released out of order), the query
that the return and the reconciliation ask, and the platform down or slow."""

import datetime as dt
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

import pytest
import requests
from django.utils import timezone

from dossiers.models import DossierEvent
from payments import signing
from payments.errors import PlatformUnavailable
from payments.models import Payment, PaymentCallback
from payments.reconcile import payments_reconcile
from payments.services import payment_request, payment_start
from tests.dossiers.factories import make_world, submitted
from tests.nationalportal.conftest import free_port
from tests.payments.conftest import MERCHANT, SECRET, TOTAL, with_fees
from tests.payments.helpers import draft

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world(live_server, settings, platform):
    settings.SITE_URL = live_server.url
    return with_fees(make_world(), "on_request")


def requested(world):
    dossier = submitted(world)
    payment_request(dossier=dossier, officer=world.officer)
    return dossier


def press(payment, action: str) -> requests.Response:
    """The citizen's button on the platform's page."""
    return requests.post(payment.payment_url, data={"action": action}, allow_redirects=False, timeout=5)


def state(payment) -> str:
    return Payment.objects.get(pk=payment.pk).state


def test_the_citizen_pays_on_the_platform_page_and_its_callback_settles_the_payment(world, platform):
    dossier = requested(world)
    payment = payment_start(dossier=dossier, user=world.citizen)
    assert payment.payment_url.startswith(platform.url + "/pay/")
    page = requests.get(payment.payment_url, timeout=5)
    assert page.status_code == 200
    assert "Nền tảng thanh toán quốc gia" in page.text and "58.000 ₫" in page.text and payment.order_id in page.text
    assert payment_start(dossier=dossier, user=world.citizen).order_id == payment.order_id  # a second click
    back = press(payment, "pay")
    assert back.status_code == 303
    location = urlsplit(back.headers["Location"])
    assert back.headers["Location"].startswith(world_return(world))
    returned = dict(parse_qsl(location.query))
    assert signing.verify(returned, SECRET) and returned["status"] == "paid" and returned["amount"] == str(TOTAL)
    platform.wait_for(lambda: state(payment) == "paid")
    payment.refresh_from_db()
    assert payment.transaction_id.startswith("NTT") and payment.receipt_number
    assert dossier.events.filter(kind=DossierEvent.Kind.PAID).count() == 1


def world_return(world) -> str:
    from django.conf import settings

    return settings.SITE_URL + "/payments/return/"


def test_duplicate_callbacks_from_the_platform_change_the_payment_once(world, platform):
    platform.admin("/admin/ipn", {"copies": 4})
    dossier = requested(world)
    payment = payment_start(dossier=dossier, user=world.citizen)
    press(payment, "pay")
    platform.wait_for(lambda: PaymentCallback.objects.filter(payment=payment, source="ipn").count() == 4)
    outcomes = sorted(PaymentCallback.objects.filter(payment=payment).values_list("outcome", flat=True))
    assert outcomes == ["applied", "duplicate", "duplicate", "duplicate"]
    assert dossier.events.filter(kind=DossierEvent.Kind.PAID).count() == 1


def test_callbacks_released_out_of_order_end_in_paid_and_flagged(world, platform):
    platform.admin("/admin/ipn", {"hold": True})
    dossier = requested(world)
    payment = payment_start(dossier=dossier, user=world.citizen)
    press(payment, "cancel")  # held: "cancelled"
    platform.admin(f"/admin/orders/{payment.order_id}", {"status": "paid"})  # the bank settles after all; held
    assert platform.admin("/admin/ipn/release", {"reverse": True})["released"] == 2  # "paid" first, then "cancelled"
    platform.wait_for(lambda: PaymentCallback.objects.filter(payment=payment).count() == 2)
    assert state(payment) == "paid"
    assert list(PaymentCallback.objects.filter(payment=payment).order_by("pk").values_list("status", "outcome")) == [
        ("paid", "applied"), ("cancelled", "ignored")]


def test_a_late_paid_after_a_cancel_is_honoured_and_flagged(world, platform):
    dossier = requested(world)
    payment = payment_start(dossier=dossier, user=world.citizen)
    press(payment, "cancel")
    platform.wait_for(lambda: state(payment) == "cancelled")
    platform.admin(f"/admin/orders/{payment.order_id}", {"status": "paid"})
    platform.wait_for(lambda: state(payment) == "paid")
    payment.refresh_from_db()
    assert payment.attention and payment.receipt_number


def test_the_browser_return_asks_the_platform_when_no_callback_came(world, platform, client):
    platform.admin("/admin/ipn", {"hold": True})  # the callback never arrives
    dossier = requested(world)
    payment = payment_start(dossier=dossier, user=world.citizen)
    location = press(payment, "pay").headers["Location"]
    client.force_login(world.citizen)
    forged = location.replace("status=paid", "status=cancelled")  # a tampered return is logged, not believed
    response = client.get(forged.replace(world_return(world), "/payments/return/"), follow=True)
    assert state(payment) == "paid"  # from the platform's signed answer to the query
    assert "Payment received" in response.content.decode() or "Đã nhận" in response.content.decode()
    sources = set(PaymentCallback.objects.filter(payment=payment).values_list("source", "outcome"))
    assert ("query", "applied") in sources
    assert PaymentCallback.objects.filter(source="return", signature_ok=False).exists()


def test_a_return_for_someone_elses_payment_is_not_found(world, platform, client):
    dossier = requested(world)
    payment = payment_start(dossier=dossier, user=world.citizen)
    client.force_login(world.other_citizen)
    assert client.get(f"/payments/return/?order_id={payment.order_id}").status_code == 404


def test_the_platform_down_during_the_start_then_up_again(world, platform):
    dossier = requested(world)
    platform.faults(down_for_seconds=30)
    with pytest.raises(PlatformUnavailable):
        payment_start(dossier=dossier, user=world.citizen)
    assert list(Payment.objects.values_list("state", flat=True)) == ["failed"]
    platform.faults(clear=True)
    payment = payment_start(dossier=dossier, user=world.citizen)
    assert payment.is_pending and payment.payment_url


def test_a_platform_slower_than_the_timeout_counts_as_down(world, platform, settings):
    settings.PAYMENT_TIMEOUT_SECONDS = 0.5
    dossier = requested(world)
    platform.faults(latency_ms=1500)
    with pytest.raises(PlatformUnavailable):
        payment_start(dossier=dossier, user=world.citizen)


def test_reconciliation_settles_pending_payments_by_asking_the_platform(world, platform):
    platform.admin("/admin/ipn", {"hold": True})
    paid = payment_start(dossier=requested(world), user=world.citizen)
    left = payment_start(dossier=requested(world), user=world.citizen)
    press(paid, "pay")
    later = timezone.now() + dt.timedelta(hours=1)
    platform.faults(down_for_seconds=30)
    report = payments_reconcile(now=later)
    assert report.platform_down and state(paid) == "pending"
    platform.faults(clear=True)
    report = payments_reconcile(now=later)
    assert (report.checked, report.settled, report.still_pending) == (2, 1, 1)
    assert state(paid) == "paid" and state(left) == "pending"
    assert payments_reconcile(now=timezone.now()).checked == 0  # too fresh: the callback may still come


def test_the_platform_refuses_unsigned_and_conflicting_orders(platform):
    order = {"merchant_id": MERCHANT, "order_id": "X1", "amount": 1000, "description": "Lệ phí",
             "return_url": "http://portal.test/r", "notify_url": "http://portal.test/n", "expires_at": time.time() + 60}
    api = platform.url + "/api/v1/payments"
    assert requests.post(api, json={**order, "signature": "0" * 64}, timeout=5).status_code == 401
    first = requests.post(api, json=signing.signed(order, SECRET), timeout=5).json()
    again = requests.post(api, json=signing.signed(order, SECRET), timeout=5).json()
    assert first["payment_url"] == again["payment_url"] and signing.verify(first, SECRET)
    other = requests.post(api, json=signing.signed({**order, "amount": 2000}, SECRET), timeout=5)
    assert other.status_code == 409 and other.json()["code"] == "03"
    bad = requests.post(api, json=signing.signed({**order, "order_id": "X2", "amount": -5}, SECRET), timeout=5)
    assert bad.status_code == 400
    query = requests.post(api + "/query", json=signing.signed({"merchant_id": MERCHANT, "order_id": "X1"}, SECRET),
                          timeout=5).json()
    assert query["status"] == "pending" and signing.verify(query, SECRET)


class _Flaky(BaseHTTPRequestHandler):
    """A merchant that fails twice before answering 200."""

    received: list = []

    def do_POST(self):  # noqa: N802
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.received.append(json.loads(body))
        self.send_response(500 if len(self.received) <= 2 else 200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def test_the_platform_retries_its_callback_until_the_merchant_answers_2xx(platform):
    _Flaky.received = []
    server = ThreadingHTTPServer(("127.0.0.1", free_port()), _Flaky)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        order = {"merchant_id": MERCHANT, "order_id": "R1", "amount": 1000, "description": "Lệ phí",
                 "return_url": "http://portal.test/r", "notify_url": f"http://127.0.0.1:{server.server_port}/ipn",
                 "expires_at": time.time() + 60}
        url = requests.post(platform.url + "/api/v1/payments", json=signing.signed(order, SECRET), timeout=5).json()
        requests.post(url["payment_url"], data={"action": "pay"}, allow_redirects=False, timeout=5)
        platform.wait_for(lambda: len(_Flaky.received) >= 3, timeout=15)
        time.sleep(0.5)
        assert len(_Flaky.received) == 3  # delivered: no more
        assert all(signing.verify(body, SECRET) and body["status"] == "paid" for body in _Flaky.received)
        [callback] = platform.callbacks("R1")
        assert callback["attempts"] == 3 and callback["delivered_at"]
    finally:
        server.shutdown()
        server.server_close()


def test_before_submission_the_draft_is_paid_then_submitted(live_server, settings, platform):
    settings.SITE_URL = live_server.url
    world = with_fees(make_world(), "before_submission")
    dossier = draft(world)
    payment = payment_start(dossier=dossier, user=world.citizen)
    press(payment, "pay")
    platform.wait_for(lambda: state(payment) == "paid")
    from dossiers.services import dossier_submit

    dossier = dossier_submit(dossier=dossier, citizen=world.citizen)
    assert list(dossier.events.order_by("pk").values_list("kind", flat=True))[-2:] == ["submitted", "paid"]


def test_beat_runs_the_reconciliation_task(world, platform, settings):
    from payments.tasks import reconcile

    assert settings.CELERY_BEAT_SCHEDULE["payments-reconcile"]["task"] == "payments.reconcile"
    settings.PAYMENT_RECONCILE_AFTER_SECONDS = 0
    platform.admin("/admin/ipn", {"hold": True})
    payment = payment_start(dossier=requested(world), user=world.citizen)
    press(payment, "fail")
    assert reconcile() == {"checked": 1, "settled": 1, "still_pending": 0, "platform_down": False}
    assert state(payment) == "failed"


def test_a_genuine_return_alone_settles_nothing_while_the_platform_cannot_confirm(world, platform, client):
    platform.admin("/admin/ipn", {"hold": True})
    payment = payment_start(dossier=requested(world), user=world.citizen)
    location = press(payment, "pay").headers["Location"]
    platform.faults(down_for_seconds=30)  # the query cannot be answered
    client.force_login(world.citizen)
    response = client.get(location.replace(world_return(world), "/payments/return/"), follow=True)
    assert state(payment) == "pending"
    assert "Giao dịch chưa được xác nhận" in response.content.decode()
    assert PaymentCallback.objects.get(source="return").outcome == "ignored"
    platform.faults(clear=True)
