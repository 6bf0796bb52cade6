"""The demo's online payment: a procedure paid before submission and one on request, and one paid, submitted
dossier whose receipt downloads — loaded once, a second run adds nothing."""

import pytest

from dossiers.models import DossierEvent
from outbox.models import OutboxMessage
from payments.models import Payment
from procedures.models import ProcedureVersion
from tests.demo.conftest import run_seed

pytestmark = pytest.mark.django_db


def test_a_paid_demo_dossier_with_its_receipt(seeded, client):
    timings = dict(ProcedureVersion.objects.current().filter(procedure__code__in=["2.000635", "2.000528"])
                   .values_list("procedure__code", "payment_timing"))
    assert timings == {"2.000635": "before_submission", "2.000528": "on_request"}
    payment = Payment.objects.get()
    assert payment.state == "paid" and payment.amount == 8_000 and payment.receipt_number
    dossier = payment.dossier
    assert dossier.state == "submitted" and dossier.code
    paid = dossier.events.get(kind=DossierEvent.Kind.PAID)
    message = OutboxMessage.objects.get(topic=OutboxMessage.Topic.DOSSIER_EVENT, sequence=paid.pk)
    assert message.payload["paid_online"] == 1 and message.payload["amount_paid"] == 8_000
    client.force_login(dossier.applicant)
    assert payment.receipt_number in client.get(f"/dossiers/{dossier.uuid}/").content.decode()
    response = client.get(f"/payments/{payment.uuid}/receipt/")
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    run_seed()
    assert Payment.objects.count() == 1
