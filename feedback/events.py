"""The one way a petition's history is written: an append-only ``PetitionEvent`` and its message to the
national PAKN system (through the NPSP's outbox topic), in the caller's transaction; the listeners of
``event_recorded`` (the notifications app: the citizen's e-mail of the NOTIFIED events, SMS) write theirs in it
too."""

from __future__ import annotations

from typing import Any

from feedback.models import Petition, PetitionEvent
from outbox.models import OutboxMessage
from outbox.services import enqueue
from portal.hooks import Hook

# Called with each new PetitionEvent inside the transaction that records it (notifications fill it at start-up).
event_recorded = Hook("feedback.event_recorded")

# The statuses of the national PAKN system (feedback-pakn.md §2) for each of ours.
NATIONAL_STATUS = {
    Petition.State.RECEIVED: "Tiếp nhận ở địa phương",
    Petition.State.INFO_REQUESTED: "PA chờ bổ sung",
    Petition.State.IN_PROGRESS: "Xử lý ở địa phương",
    Petition.State.ANSWER_PROPOSED: "Xử lý ở địa phương",
    Petition.State.ANSWERED: "PAKN chờ công khai",
    Petition.State.PUBLISHED: "PAKN đã công khai",
    Petition.State.REFUSED: "Từ chối tiếp nhận",
    Petition.State.FORWARDED: "Gửi đơn vị khác bằng phần mềm riêng",
}

# What the citizen is told by e-mail (when they gave an address): the receipt with the code, and every
# change they must act on or may want to read.
NOTIFIED = {
    PetitionEvent.Kind.SUBMITTED, PetitionEvent.Kind.REFUSED, PetitionEvent.Kind.INFO_REQUESTED,
    PetitionEvent.Kind.FORWARDED, PetitionEvent.Kind.ANSWERED, PetitionEvent.Kind.PUBLISHED,
}


def record(petition: Petition, *, kind: str, actor, from_state: str = "", note: str = "",
           data: dict[str, Any] | None = None, on_time: bool | None = None, agency=None) -> PetitionEvent:
    event = PetitionEvent.objects.create(
        petition=petition, kind=kind, actor=actor, agency=agency or petition.agency, from_state=from_state,
        to_state=petition.state, note=note, data=data or {}, on_time=on_time,
    )
    enqueue(topic=OutboxMessage.Topic.PETITION_EVENT, subject=str(petition.uuid), sequence=event.pk,
            payload=npsp_payload(petition, event))
    event_recorded.send(event)
    return event


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def npsp_payload(petition: Petition, event: PetitionEvent) -> dict[str, Any]:
    """What the national PAKN system is told: the petition's state and dates; of its text only what is
    published (masked), never the petitioner's identity."""
    payload = {
        "petition_id": str(petition.uuid),
        "code": petition.code,
        "sequence": event.pk,
        "kind": event.kind,
        "state": petition.state,
        "national_status": NATIONAL_STATUS[petition.state],
        "at": event.at.isoformat(),
        "agency_code": petition.agency.code,
        "channel": petition.channel,
        "petition_kind": petition.kind,
        "klass": petition.klass,
        "category": petition.category,
        "submitted_at": petition.submitted_at.isoformat(),
        "received_at": petition.received_at.isoformat(),
        "due_at": _iso(petition.due_at),
        "answered_at": _iso(petition.answered_at),
        "published_at": _iso(petition.published_at),
        "rating": petition.rating,
        "on_time": event.on_time,
    }
    if petition.state == Petition.State.PUBLISHED:
        payload.update(title=petition.public_title, content=petition.public_content, answer=petition.public_answer)
    if petition.state == Petition.State.FORWARDED:
        payload["forwarded_to"] = petition.forwarded_to
    return payload
