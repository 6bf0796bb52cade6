"""The one way a dossier's history is written: an append-only ``DossierEvent`` and its message to the
National Public Service Portal's outbox, both in the caller's transaction; the listeners of ``event_recorded``
(the notifications app: the applicant's e-mail, SMS or Zalo message) write theirs in it too."""

from __future__ import annotations

from typing import Any

from dossiers.models import Dossier, DossierEvent, DossierStep
from outbox.models import OutboxMessage
from outbox.services import enqueue
from portal.hooks import Hook

# Called with each new DossierEvent inside the transaction that records it (notifications fill it at start-up).
event_recorded = Hook("dossiers.event_recorded")

# What a payment event's data tells the NPSP: paid online (1: through the national payment platform, as the
# NPSP's DuocThanhToanTrucTuyen), the fee lines paid (DanhSachPhiLePhi: [{"description", "amount"}], đồng),
# the total, and the amount refunded.
PAYMENT_FIELDS = ("paid_online", "fee_lines", "amount_paid", "amount_refunded")

# Events the applicant is told about by email (dossiers.notifications.event_email, sent through the
# notifications app's outbox): submission (with the code to track it by), receipt, supplement request,
# extension, result, refusal, stop.
NOTIFIED = {
    DossierEvent.Kind.SUBMITTED,
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
    if dossier.state != Dossier.State.DRAFT:
        # A draft is the citizen's own until it is sent (they may delete it): the national portal hears of
        # a dossier from its submission on.
        enqueue(topic=OutboxMessage.Topic.DOSSIER_EVENT, subject=str(dossier.uuid), sequence=event.pk,
                payload=npsp_payload(dossier, event))
    event_recorded.send(event)
    return event


def npsp_payload(dossier: Dossier, event: DossierEvent) -> dict[str, Any]:
    """What the NPSP is told of a dossier's progress (no personal data beyond what it publishes)."""
    return {
        "dossier_id": str(dossier.uuid),
        "code": dossier.code or "",
        "sequence": event.pk,
        "kind": event.kind,
        "state": dossier.state,
        "at": event.at.isoformat(),
        "procedure_code": dossier.procedure_version.procedure.code,
        "agency_code": dossier.centre.agency.code,
        "channel": dossier.channel,
        "received_at": dossier.received_at.isoformat() if dossier.received_at else None,
        "due_at": dossier.due_at.isoformat() if dossier.due_at else None,
        # Online payment (DuocThanhToanTrucTuyen, DanhSachPhiLePhi): carried by the payment events' own data,
        # written by payments/ (dossiers does not know how fees are paid).
        **{name: event.data[name] for name in PAYMENT_FIELDS if name in (event.data or {})},
        # Decision 766: the applicant was authenticated through the national electronic identity (VNeID).
        "identity_verified": dossier.applicant_identity_verified,
    }
