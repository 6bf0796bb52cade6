"""Dossiers get their code at submission (online) or filing (at the counter), no longer at receipt: give one
to every dossier of older data that was submitted but never received (awaiting the check, asked for a
supplement at the check, refused or withdrawn before receipt), so every dossier but a draft has a code.

Each gets the next number of its receiving centre's agency for the day it was submitted, in order of
submission, taken from the same ``DossierCodeSeries`` rows the services use (numbers already issued that day
are kept; these follow them). The NPSP messages still waiting in the outbox that were written without a code
get their dossier's, as the NPSP now requires it from submission on. Backwards: nothing to undo (codes, once issued, stay)."""

from django.db import migrations
from django.db.models import F
from django.utils import timezone


def forwards(apps, schema_editor):
    Dossier = apps.get_model("dossiers", "Dossier")
    DossierCodeSeries = apps.get_model("dossiers", "DossierCodeSeries")
    OutboxMessage = apps.get_model("outbox", "OutboxMessage")
    uncoded = (Dossier.objects.filter(code__isnull=True).exclude(state="draft").exclude(submitted_at__isnull=True)
               .select_related("centre__agency").order_by("submitted_at", "id"))
    for dossier in uncoded.iterator(chunk_size=500):
        agency = dossier.centre.agency
        day = timezone.localtime(dossier.submitted_at).date()
        series, _created = DossierCodeSeries.objects.select_for_update().get_or_create(agency=agency, day=day)
        DossierCodeSeries.objects.filter(pk=series.pk).update(last_number=F("last_number") + 1)
        series.refresh_from_db(fields=["last_number"])
        code = f"{agency.code}-{day:%y%m%d}-{series.last_number:04d}"
        Dossier.objects.filter(pk=dossier.pk).update(code=code)
    # Messages still to deliver that were written before their dossier had a code (at submission, or by a
    # dossier received since): the NPSP refuses them without it.
    waiting = (OutboxMessage.objects.filter(topic="dossier_event").exclude(status="delivered")
               .exclude(payload__state="draft").filter(payload__code=""))
    for message in waiting.iterator(chunk_size=500):
        code = Dossier.objects.filter(uuid=message.subject).values_list("code", flat=True).first()
        if code:
            message.payload = {**message.payload, "code": code}
            message.save(update_fields=["payload"])


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0008_result_drafts_and_deliveries"),
        ("outbox", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
