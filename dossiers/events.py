"""The one way a dossier's history is written: an append-only ``DossierEvent`` in the caller's
transaction, and after commit the applicant's notification. (The national-portal outbox message of
DESIGN.md §6 joins here, in the same transaction, with the sync issue.)"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from dossiers.models import Dossier, DossierEvent, DossierStep

# Events the applicant is told about by email (issue: receipt, supplement request, extension, result).
NOTIFIED = {
    DossierEvent.Kind.RECEIVED,
    DossierEvent.Kind.SUPPLEMENT_REQUESTED,
    DossierEvent.Kind.EXTENDED,
    DossierEvent.Kind.RESULT_READY,
    DossierEvent.Kind.REFUSED,
    DossierEvent.Kind.STOPPED,
}


def record(
    dossier: Dossier,
    *,
    kind: str,
    actor,
    from_state: str = "",
    step: DossierStep | None = None,
    note: str = "",
    data: dict[str, Any] | None = None,
) -> DossierEvent:
    event = DossierEvent.objects.create(
        dossier=dossier, kind=kind, actor=actor, from_state=from_state, to_state=dossier.state, step=step,
        note=note, data=data or {},
    )
    if kind in NOTIFIED and dossier.applicant_email:
        from dossiers.tasks import dossier_notify

        transaction.on_commit(lambda: dossier_notify.delay(event.pk))
    return event
