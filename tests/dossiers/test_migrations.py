"""Data migrations of dossiers: codes for dossiers submitted before codes came with submission."""

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.utils import timezone

from dossiers.models import Dossier, DossierCodeSeries
from dossiers.services import dossier_draft_save, dossier_refuse
from outbox.models import OutboxMessage
from tests.dossiers.factories import received, submitted

pytestmark = pytest.mark.django_db
codes_at_submission = importlib.import_module("dossiers.migrations.0009_codes_at_submission")


def test_submitted_but_uncoded_dossiers_get_their_codes_in_order_of_submission(world):
    today = timezone.localdate()
    prefix = f"{world.commune_agency.code}-{today:%y%m%d}-"
    first, second, refused = submitted(world), submitted(world), submitted(world)
    dossier_refuse(dossier=refused, officer=world.officer, reason="Không thuộc thẩm quyền")
    old_receipt = received(world)
    provincial = submitted(world, centre=world.provincial_centre)
    draft = dossier_draft_save(citizen=world.citizen, version=world.version, centre=world.centre,
                               applicant=world.applicant())
    # As the data stood before: a code only at receipt (one issued today), the rest without.
    Dossier.objects.exclude(pk=old_receipt.pk).update(code=None)
    Dossier.objects.filter(pk=old_receipt.pk).update(code=f"{prefix}0001")
    DossierCodeSeries.objects.filter(agency=world.commune_agency).update(last_number=1)
    DossierCodeSeries.objects.filter(agency=world.provincial_centre.agency).delete()
    Dossier.objects.filter(pk=second.pk).update(submitted_at=first.submitted_at - dt.timedelta(seconds=1))
    OutboxMessage.objects.filter(topic="dossier_event").update(payload={"code": "", "state": "submitted"})
    # A draft's message of the days when drafts were reported too: it has no code to get.
    OutboxMessage.objects.create(topic="dossier_event", subject=str(draft.uuid), sequence=1,
                                 payload={"code": "", "state": "draft"})
    OutboxMessage.objects.filter(subject=str(refused.uuid)).update(status="delivered")

    codes_at_submission.forwards(apps, None)

    def code(dossier):
        return Dossier.objects.get(pk=dossier.pk).code

    assert [code(second), code(first), code(refused)] == [f"{prefix}0002", f"{prefix}0003", f"{prefix}0004"]
    assert code(old_receipt) == f"{prefix}0001" and code(draft) is None
    assert code(provincial) == f"{world.provincial_centre.agency.code}-{today:%y%m%d}-0001"
    assert DossierCodeSeries.objects.get(agency=world.commune_agency, day=today).last_number == 4
    # What still waits for the NPSP carries the code now; what was delivered, and drafts, are left alone.
    waiting = OutboxMessage.objects.filter(subject=str(first.uuid))
    assert {m.payload["code"] for m in waiting} == {f"{prefix}0003"}
    assert {m.payload["code"] for m in OutboxMessage.objects.filter(subject=str(old_receipt.uuid))} == {
        f"{prefix}0001"}
    assert {m.payload["code"] for m in OutboxMessage.objects.filter(subject=str(refused.uuid))} == {""}
    assert {m.payload["code"] for m in OutboxMessage.objects.filter(subject=str(draft.uuid))} == {""}

    codes_at_submission.forwards(apps, None)  # run twice (a retried deploy): nothing changes
    assert code(second) == f"{prefix}0002" and DossierCodeSeries.objects.get(
        agency=world.commune_agency, day=today).last_number == 4
