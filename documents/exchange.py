"""What the documents send over the national document axis (Decision 28/2018/QĐ-TTg; edXML of QCVN
102:2016, ../shared/domain/document-exchange-edxml.md), written to the outbox in the transaction of the change:
an issued document, or its recall, to each organisation outside the portal that has an electronic
identification code; and, for a document that arrived over the axis, each step its handling takes (the
status messages 02–06 its sender follows). The axis app (axis/packing.py) packs each message as signed edXML
when it sends it, so a message holds references, not the files.

One subject per organisation outside ("axis:<its code>"): everything to one organisation goes in the order it
was written (the relay sends an organisation's messages one after another), and one that cannot be delivered
holds back the later ones to that organisation until an admin resends it. A secret document never crosses
the exchange (Decision 28/2018 art. 2)."""

from __future__ import annotations

from django.utils import timezone

from documents.models import Document, Recipient
from outbox.models import OutboxMessage
from outbox.services import enqueue

# edXML TraceHeaderList/Bussiness/BussinessDocType
NEW, REVOCATION, UPDATE, REPLACEMENT = 0, 1, 2, 3
# edXML StatusCode of each state of a document that arrived over the axis (01 is sent on its arrival).
STATUS_OF_STATE = {
    Document.State.REGISTERED: "03",
    Document.State.DIRECTED: "04",
    Document.State.IN_PROGRESS: "05",
    Document.State.DONE: "06",
    Document.State.REFUSED: "02",
}
TOPIC = OutboxMessage.Topic.DOCUMENT_EXCHANGE


def subject_for(organ_id: str) -> str:
    return f"axis:{organ_id}"


def over_axis(recipients: list[Recipient]) -> list[Recipient]:
    """The outside recipients reached over the axis: those with an electronic identification code (the
    others are sent on paper by the clerk, and stay "waiting to be sent")."""
    return [recipient for recipient in recipients if not recipient.is_internal and recipient.external_organ_id]


def issue_enqueue(document: Document, recipients: list[Recipient]) -> None:
    """A new document (or one replacing an earlier one) to each outside recipient."""
    business = REPLACEMENT if document.replaces_id else NEW
    for recipient in over_axis(recipients):
        enqueue(topic=TOPIC, subject=subject_for(recipient.external_organ_id), sequence=1,
                payload={"type": "edoc", "business": business, "document": str(document.uuid),
                         "recipient": recipient.pk, "agency": document.agency_id})


def recall_enqueue(document: Document, recipients: list[Recipient], *, reason: str) -> None:
    """The sender takes the document back (Art. 18.4.b): a revocation package to each outside recipient."""
    for recipient in over_axis(recipients):
        enqueue(topic=TOPIC, subject=subject_for(recipient.external_organ_id), sequence=2,
                payload={"type": "edoc", "business": REVOCATION, "document": str(document.uuid),
                         "recipient": recipient.pk, "reason": reason[:500], "agency": document.agency_id})


def status_enqueue(incoming: Document, code: str, *, description: str = "", actor=None) -> None:
    """Tell the sender of ``incoming`` (arrived over the axis) what became of it."""
    enqueue(topic=TOPIC, subject=subject_for(incoming.organ_id), sequence=int(code),
            payload={"type": "status", "document": str(incoming.uuid), "code": code, "agency": incoming.agency_id,
                     "description": description[:500], "at": timezone.now().isoformat(),
                     "staff": actor.get_full_name() if actor is not None else ""})


def package_status_enqueue(*, agency_id: int, sender: str, organ_id: str, document_id: str, code: str,
                           description: str, at=None) -> None:
    """Tell ``sender`` what became of a package that is no document of ours (refused on arrival, or a revocation
    of nothing we hold): the status answers the package's edXML DocumentId, written as the sender's ``organ_id``."""
    enqueue(topic=TOPIC, subject=subject_for(sender), sequence=int(code), payload={
        "type": "status", "code": code, "agency": agency_id, "description": description[:500],
        "at": (at or timezone.now()).isoformat(),
        "response_for": {"organ_id": organ_id, "document_id": document_id, "code": document_id.split(",", 2)[-1]}})


def status_follow(incoming: Document, *, actor=None, note: str = "") -> None:
    """After a document that arrived over the axis changed state: the status message of its new state, with the
    official's note or else a sentence that says what happened. Both go to another organisation's clerk, so they
    are in Vietnamese whatever the language of our official's page, like the arrival's (axis/receiving.py)."""
    code = STATUS_OF_STATE.get(incoming.state)
    if code is not None and incoming.channel == Document.Channel.AXIS:
        status_enqueue(incoming, code, description=note or _default_description(incoming, code), actor=actor)


def _default_description(incoming: Document, code: str) -> str:
    if code == "03":
        number = f" số {incoming.arrival_number}" if incoming.arrival_number else ""
        return f"Văn thư đã tiếp nhận, vào sổ văn bản đến{number}."
    return {"04": "Lãnh đạo đã cho ý kiến chỉ đạo, giao đơn vị chủ trì xử lý.",
            "05": "Văn bản đang được xử lý.", "06": "Đã hoàn thành xử lý văn bản."}.get(code, "")
