"""The platform's callback (IPN) endpoint: each payment changes state once, whatever the number, order and
timing of the messages; forged, mismatched and hostile ones change nothing and never cause a 500."""

import json

import pytest

from dossiers.models import DossierEvent
from dossiers.services import dossier_submit
from outbox.models import OutboxMessage
from payments.models import Payment, PaymentCallback
from tests.payments.conftest import TOTAL, ipn_fields
from tests.payments.helpers import draft, pending_payment

pytestmark = pytest.mark.django_db


def post(client, fields, **kwargs):
    body = fields if isinstance(fields, bytes | str) else json.dumps(fields)
    return client.post("/payments/ipn/", data=body, content_type="application/json", **kwargs)


@pytest.fixture
def payment(world):
    return pending_payment(draft(world))


def paid_events(dossier):
    return list(dossier.events.filter(kind=DossierEvent.Kind.PAID))


def test_a_paid_callback_settles_the_payment_once_and_replays_change_nothing(client, world, payment):
    first = post(client, ipn_fields(payment))
    assert first.status_code == 200 and first.json()["code"] == "00"
    payment.refresh_from_db()
    assert payment.state == "paid" and payment.transaction_id == "NTT0001"
    assert payment.receipt_number == f"BL{payment.paid_at.year}-000001"
    for _ in range(3):  # the platform retries, or someone replays the captured message
        again = post(client, ipn_fields(payment))
        assert again.status_code == 200 and again.json()["code"] == "02"
    payment.refresh_from_db()
    assert payment.receipt_number.endswith("000001")
    assert [c.outcome for c in PaymentCallback.objects.order_by("pk")] == ["applied", "duplicate", "duplicate",
                                                                           "duplicate"]


def test_a_forged_callback_is_refused_logged_and_changes_nothing(client, payment):
    forged = {**ipn_fields(payment), "signature": "0" * 64}
    response = post(client, forged)
    assert response.status_code == 400 and response.json()["code"] == "97"
    tampered = {**ipn_fields(payment, amount=1), "amount": TOTAL}  # signed for 1 đồng, claims the total
    assert post(client, tampered).status_code == 400
    payment.refresh_from_db()
    assert payment.state == "pending" and not payment.receipt_number
    logged = PaymentCallback.objects.filter(payment=None)
    assert logged.count() == 2 and not any(c.signature_ok for c in logged)
    assert {c.outcome for c in logged} == {"bad_signature"}


def test_an_amount_that_differs_by_one_dong_changes_nothing(client, payment):
    response = post(client, ipn_fields(payment, amount=TOTAL - 1))
    assert response.json()["code"] == "04"
    payment.refresh_from_db()
    assert payment.state == "pending"
    assert PaymentCallback.objects.get().outcome == "amount_mismatch"


def test_an_unknown_order_is_answered_and_logged(client, payment):
    fields = ipn_fields(payment)
    fields = ipn_fields(Payment(order_id="NO-SUCH-ORDER", amount=TOTAL))
    response = post(client, fields)
    assert response.status_code == 200 and response.json()["code"] == "01"
    assert PaymentCallback.objects.get().outcome == "unknown_order"


def test_a_late_cancel_after_paid_is_recorded_without_change(client, payment):
    post(client, ipn_fields(payment))
    response = post(client, ipn_fields(payment, status="cancelled"))
    assert response.json()["code"] == "02"
    payment.refresh_from_db()
    assert payment.state == "paid"
    assert PaymentCallback.objects.order_by("pk").last().outcome == "ignored"


def test_a_late_paid_after_cancel_is_recorded_as_paid_and_flagged(client, payment):
    post(client, ipn_fields(payment, status="cancelled"))
    payment.refresh_from_db()
    assert payment.state == "cancelled"
    response = post(client, ipn_fields(payment))  # the bank settled after all: the money was taken
    assert response.json()["code"] == "00"
    payment.refresh_from_db()
    assert payment.state == "paid" and payment.receipt_number
    assert payment.attention == "paid_late"
    assert PaymentCallback.objects.order_by("pk").last().outcome == "flagged"


def test_a_second_payment_of_paid_fees_is_flagged_for_a_refund(client, world):
    dossier = draft(world)
    first, second = pending_payment(dossier), pending_payment(dossier)
    post(client, ipn_fields(first))
    post(client, ipn_fields(second, transaction_id="NTT0002"))
    second.refresh_from_db()
    assert second.state == "paid" and second.refund_due and second.attention == "paid_twice"
    assert first.order_id


@pytest.mark.parametrize("body", [
    b"", b"not json", b"[]", b'"text"', b"{}", b'{"order_id": "\\u0000"}', b"\x00\x00", "{\"a\": \"\x00\"}",
    json.dumps({"order_id": "x" * 5000, "amount": 10**30, "status": "paid", "signature": "a"}),
    json.dumps({"order_id": ["list"], "amount": {"a": 1}, "status": 7, "signature": None}),
])
def test_hostile_bodies_are_refused_without_a_500(client, payment, body):
    response = post(client, body)
    assert response.status_code == 400
    payment.refresh_from_db()
    assert payment.state == "pending"


def test_a_huge_body_is_refused(client, payment):
    response = post(client, json.dumps({"pad": "x" * 100_000}))
    assert response.status_code in (400, 413)


def test_the_ipn_needs_no_csrf_token(payment):
    from django.test import Client

    response = post(Client(enforce_csrf_checks=True), ipn_fields(payment))
    assert response.status_code == 200


def test_paid_before_submission_reaches_the_national_portal_with_the_submission(client, world):
    dossier = draft(world)
    payment = pending_payment(dossier)
    post(client, ipn_fields(payment))
    assert not paid_events(dossier)  # a draft's history is the citizen's own; the NPSP hears of it later
    dossier = dossier_submit(dossier=dossier, citizen=world.citizen)
    [event] = paid_events(dossier)
    submitted = dossier.events.get(kind=DossierEvent.Kind.SUBMITTED)
    assert event.pk > submitted.pk
    message = OutboxMessage.objects.get(topic=OutboxMessage.Topic.DOSSIER_EVENT, sequence=event.pk)
    assert message.payload["paid_online"] == 1 and message.payload["amount_paid"] == TOTAL
    assert message.payload["fee_lines"] == [{"description": "Lệ phí đăng ký khai sinh", "amount": 50_000},
                                            {"description": "Phí cấp bản sao trích lục", "amount": 8_000}]
    submitted_message = OutboxMessage.objects.get(topic=OutboxMessage.Topic.DOSSIER_EVENT, sequence=submitted.pk)
    assert "paid_online" not in submitted_message.payload
