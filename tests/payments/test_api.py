"""The payment API: a dossier's fees and payments for those who may see the dossier, and the applicant's start."""

import pytest

from payments.services import callback_receive
from tests.payments.conftest import SECRET, TOTAL, ipn_fields
from tests.payments.helpers import draft, pending_payment

pytestmark = pytest.mark.django_db


def test_the_applicant_reads_the_fees_and_payments_of_a_dossier(client, world):
    dossier = draft(world)
    payment, _outcome = callback_receive(source="ipn", fields=ipn_fields(pending_payment(dossier)), raw="{}",
                                         secret=SECRET)
    client.force_login(world.citizen)
    data = client.get(f"/api/v1/payments/dossiers/{dossier.uuid}/").json()
    assert data["total"] == TOTAL and data["payment_timing"] == "before_submission"
    assert [line["amount"] for line in data["fee_lines"]] == [50_000, 8_000]
    assert data["paid"] is True and data["payable_now"] is False
    [read] = data["payments"]
    assert read["state"] == "paid" and read["receipt_number"] == payment.receipt_number
    assert read["receipt_url"].endswith(f"/payments/{payment.uuid}/receipt/")


def test_others_do_not_see_a_dossiers_payments(client, world):
    dossier = draft(world)
    client.force_login(world.other_citizen)
    assert client.get(f"/api/v1/payments/dossiers/{dossier.uuid}/").status_code == 404
    assert client.post(f"/api/v1/payments/dossiers/{dossier.uuid}/start/").status_code == 404
    client.logout()
    assert client.get(f"/api/v1/payments/dossiers/{dossier.uuid}/").status_code in (401, 403)


def test_starting_with_the_platform_down_answers_503_with_a_code(client, world):
    dossier = draft(world)
    client.force_login(world.citizen)
    response = client.post(f"/api/v1/payments/dossiers/{dossier.uuid}/start/")
    assert response.status_code == 503 and response.json()["code"] == "payment.platform_unavailable"


def test_starting_when_nothing_is_due_is_a_conflict(client, on_request_world):
    from tests.dossiers.factories import submitted

    dossier = submitted(on_request_world)
    client.force_login(on_request_world.citizen)
    response = client.post(f"/api/v1/payments/dossiers/{dossier.uuid}/start/")
    assert response.status_code == 409 and response.json()["code"] == "payment.not_due"
