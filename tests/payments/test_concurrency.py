"""Real concurrent transactions on PostgreSQL: twenty copies of one callback at once change the payment once
(one PAID event, one receipt number); receipt numbers stay gap-free when many payments settle together."""

import pytest

from dossiers.models import DossierEvent
from payments.models import Payment
from payments.services import callback_receive
from tests.dossiers.factories import submitted
from tests.dossiers.test_concurrency import run_together
from tests.payments.conftest import SECRET, ipn_fields, with_fees
from tests.payments.helpers import pending_payment

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(tmp_path, settings):
    from tests.dossiers.factories import make_world

    return with_fees(make_world(), "on_request")


def test_twenty_simultaneous_callbacks_for_one_order_change_it_once(world):
    dossier = submitted(world)
    payment = pending_payment(dossier)
    fields = ipn_fields(payment)
    outcomes = run_together([
        (lambda: callback_receive(source="ipn", fields=dict(fields), raw="{}", secret=SECRET)[1])
        for _ in range(20)])
    results = [value for kind, value in outcomes]
    assert all(kind == "ok" for kind, _value in outcomes), outcomes
    assert sorted(results) == ["applied"] + ["duplicate"] * 19
    assert dossier.events.filter(kind=DossierEvent.Kind.PAID).count() == 1
    payment.refresh_from_db()
    assert payment.state == "paid" and payment.receipt_number.endswith("-000001")


def test_receipt_numbers_stay_gap_free_under_concurrency(world):
    dossiers = [submitted(world) for _ in range(8)]
    payments = [pending_payment(d) for d in dossiers]
    outcomes = run_together([
        (lambda p=p: callback_receive(source="ipn", fields=ipn_fields(p), raw="{}", secret=SECRET)[1])
        for p in payments])
    assert [value for _kind, value in outcomes] == ["applied"] * 8
    numbers = sorted(Payment.objects.values_list("receipt_number", flat=True))
    assert [int(n.rsplit("-", 1)[1]) for n in numbers] == list(range(1, 9))
