"""The payment step in the dossier's life: fees paid before submission hold the submission back, fees paid on
request wait for the officer, a refusal after payment owes a refund that an official records."""

import pytest

from dossiers.errors import DossierError
from dossiers.models import DossierEvent
from dossiers.services import dossier_refuse, dossier_submit
from outbox.models import OutboxMessage
from payments.errors import PaymentConflict, PaymentError, PaymentForbidden
from payments.models import Payment
from payments.services import callback_receive, payment_refund, payment_request, payment_start
from tests.dossiers.factories import submitted
from tests.payments.conftest import SECRET, TOTAL, ipn_fields
from tests.payments.helpers import draft, pending_payment

pytestmark = pytest.mark.django_db


def settle(payment, **kwargs):
    return callback_receive(source="ipn", fields=ipn_fields(payment, **kwargs), raw="{}", secret=SECRET)


def test_a_dossier_whose_fees_are_due_before_submission_is_not_submitted_unpaid(world):
    dossier = draft(world)
    with pytest.raises(DossierError) as refused:
        dossier_submit(dossier=dossier, citizen=world.citizen)
    assert "thanh toán trực tuyến trước khi nộp hồ sơ (58.000 đồng)" in refused.value.message
    dossier.refresh_from_db()
    assert dossier.state == "draft" and not dossier.code
    settle(pending_payment(dossier))
    assert dossier_submit(dossier=dossier, citizen=world.citizen).state == "submitted"


def test_a_cancelled_payment_does_not_open_the_submission(world):
    dossier = draft(world)
    settle(pending_payment(dossier), status="cancelled")
    with pytest.raises(DossierError):
        dossier_submit(dossier=dossier, citizen=world.citizen)


def test_a_procedure_without_online_payment_is_submitted_as_before(db):
    from tests.dossiers.factories import make_world
    from tests.payments.conftest import with_fees

    world = with_fees(make_world(), "none")
    assert submitted(world).state == "submitted"


def test_the_officer_asks_for_payment_once_and_then_the_applicant_may_pay(on_request_world):
    world = on_request_world
    dossier = submitted(world)
    with pytest.raises(PaymentConflict):  # nothing asked yet: nothing to pay
        payment_start(dossier=dossier, user=world.citizen)
    with pytest.raises(PaymentForbidden):
        payment_request(dossier=dossier, officer=world.other_citizen)
    event = payment_request(dossier=dossier, officer=world.officer)
    assert event.kind == DossierEvent.Kind.PAYMENT_REQUESTED and event.data["amount_due"] == TOTAL
    with pytest.raises(PaymentConflict):
        payment_request(dossier=dossier, officer=world.officer)
    message = OutboxMessage.objects.get(topic=OutboxMessage.Topic.DOSSIER_EVENT, sequence=event.pk)
    assert [line["amount"] for line in message.payload["fee_lines"]] == [50_000, 8_000]


def test_the_platform_down_at_the_start_leaves_a_failed_attempt_and_a_retry_possible(on_request_world):
    world = on_request_world
    dossier = submitted(world)
    payment_request(dossier=dossier, officer=world.officer)
    with pytest.raises(PaymentError) as down:  # settings.PAYMENT_URL: nothing listens
        payment_start(dossier=dossier, user=world.citizen)
    assert down.value.status_code == 503 and "chưa bị trừ tiền" in down.value.message
    assert list(Payment.objects.values_list("state", flat=True)) == ["failed"]
    assert not dossier.events.filter(kind=DossierEvent.Kind.PAID).exists()
    with pytest.raises(PaymentError):
        payment_start(dossier=dossier, user=world.citizen)  # tried again: a new attempt, not a stuck one
    assert Payment.objects.count() == 2


def test_someone_else_cannot_pay_or_start_for_a_dossier(world):
    dossier = draft(world)
    with pytest.raises(PaymentForbidden):
        payment_start(dossier=dossier, user=world.other_citizen)


def test_a_refusal_after_payment_owes_a_refund_that_an_official_records(on_request_world):
    world = on_request_world
    dossier = submitted(world)
    payment_request(dossier=dossier, officer=world.officer)
    payment, _outcome = settle(pending_payment(dossier))
    paid = dossier.events.get(kind=DossierEvent.Kind.PAID)
    assert paid.data["paid_online"] == 1 and paid.data["receipt_number"] == payment.receipt_number
    dossier_refuse(dossier=dossier, officer=world.officer, reason="Không thuộc thẩm quyền")
    payment.refresh_from_db()
    assert payment.refund_due and payment.attention == "closed"
    with pytest.raises(PaymentError):
        payment_refund(payment=payment, officer=world.officer, reference="  ")
    with pytest.raises(PaymentForbidden):
        payment_refund(payment=payment, officer=world.citizen, reference="FT123")
    payment_refund(payment=payment, officer=world.officer, reference="FT26062012345")
    payment.refresh_from_db()
    assert payment.state == "refunded" and not payment.refund_due and payment.refund_reference == "FT26062012345"
    refunded = dossier.events.get(kind=DossierEvent.Kind.REFUNDED)
    assert refunded.data["amount_refunded"] == TOTAL
    with pytest.raises(PaymentConflict):
        payment_refund(payment=payment, officer=world.officer, reference="again")
    assert settle(payment)[1] == "ignored"  # a late replay of "paid" does not undo the refund
