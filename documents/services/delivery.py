"""Delivery between agencies in the portal: an issued document reaches each internal recipient at once, as
an incoming document of its own in the recipient agency's queue (state "arrived"); the recipient's progress
is shown to the sender on the ``Recipient`` row (Appendix VI: the sender follows the handling). A recall
withdraws the recipient's copy. Outside recipients go over the exchange (issue 13)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from documents import events, exchange
from documents.models import Document, DocumentEvent, DocumentFile, Participant, Recipient
from documents.services.files import file_read, file_store
from documents.services.search import search_refresh

# What the recipient's document state shows the sender.
STATUS_OF_STATE = {
    Document.State.ARRIVED: Recipient.Status.RECEIVED,
    Document.State.REGISTERED: Recipient.Status.REGISTERED,
    Document.State.DIRECTED: Recipient.Status.ASSIGNED,
    Document.State.IN_PROGRESS: Recipient.Status.IN_PROGRESS,
    Document.State.DONE: Recipient.Status.DONE,
    Document.State.REFUSED: Recipient.Status.REFUSED,
    Document.State.RECALLED: Recipient.Status.RECALLED,
}


def deliver_internal(recipient: Recipient, *, now: dt.datetime | None = None) -> Document:
    """The recipient agency's incoming copy of ``recipient.document`` (issued), with its files and the
    sender's metadata; the recipient row shows "received". Call inside the issuing transaction."""
    now = now or timezone.now()
    sent = recipient.document
    agency = recipient.agency if recipient.agency_id else recipient.unit.agency
    incoming = Document.objects.create(
        agency=agency, direction=Document.Direction.INCOMING, state=Document.State.ARRIVED,
        document_type=sent.document_type, code_number=sent.code_number, code_notation=sent.code_notation,
        issued_date=sent.issued_date, organ_id=sent.organ_id, organ_name=sent.organ_name, subject=sent.subject,
        language=sent.language, page_amount=sent.page_amount, description=sent.description,
        signer_position=sent.signer_position, signer_name=sent.signer_name, urgency=sent.urgency,
        secrecy=sent.secrecy, issued_amount=sent.issued_amount, due_date=sent.due_date, arrival_at=now,
        channel=Document.Channel.PORTAL, delivery=recipient, created_by=sent.created_by, created_at=now,
    )
    for stored in sent.files.filter(kind__in=(DocumentFile.Kind.MAIN, DocumentFile.Kind.ATTACHMENT)):
        file_store(document=incoming, kind=stored.kind, name=stored.name, content=file_read(stored), user=None,
                   version=stored.version)
    search_refresh(incoming)
    if incoming.is_secret:
        # A secret document is seen only by those given it: the receiving agency's clerks, who register it.
        clerks = User.objects.filter(agency=agency, role=User.Role.CLERK, is_active=True)
        Participant.objects.bulk_create([Participant(document=incoming, user=clerk, role=Participant.Role.CLERK)
                                         for clerk in clerks], ignore_conflicts=True)
    events.record(incoming, kind=DocumentEvent.Kind.ARRIVED, actor=None,
                  data={"from": sent.organ_id, "document": str(sent.uuid)})
    recipient_status_set(recipient, status=Recipient.Status.RECEIVED, now=now)
    # The integrity and signature check (Art. 21.2) runs once the arrival is committed; the clerk sees it.
    transaction.on_commit(lambda: check_later(incoming.pk), robust=True)
    return incoming


def check_later(document_id: int) -> None:
    from documents.tasks import check_arrival  # the task module imports the services

    check_arrival.apply_async((document_id,), retry=False)


def recipient_status_set(recipient: Recipient, *, status: str, note: str = "", actor=None,
                         now: dt.datetime | None = None) -> None:
    """Show the sender a recipient's new status, on its row and in the sender's trail."""
    if recipient.status == status and not note:
        return
    previous = recipient.status
    recipient.status, recipient.status_at, recipient.status_note = status, now or timezone.now(), note[:500]
    recipient.save(update_fields=["status", "status_at", "status_note"])
    events.record(recipient.document, kind=DocumentEvent.Kind.RECIPIENT_STATUS, actor=actor, note=note,
                  data={"recipient": recipient.pk, "name": recipient.name, "from": previous, "to": status})


def recipients_sent(recipients: list[Recipient], *, now: dt.datetime | None = None) -> list[Recipient]:
    """``recipient_status_set(status=SENT)`` for a batch of packages the national document axis took, in three
    statements however many: "sent" on the rows still waiting — read locked, so a row another worker's
    mailbox read has moved on meanwhile ("received", "done") keeps what it shows — and in each document's
    trail. Returns the recipients marked."""
    if not recipients:
        return []
    now = now or timezone.now()
    by_pk = {recipient.pk: recipient for recipient in recipients}
    waiting = list(Recipient.objects.select_for_update().filter(pk__in=by_pk, status=Recipient.Status.PENDING)
                   .order_by("pk").values_list("pk", flat=True))
    if not waiting:
        return []
    Recipient.objects.filter(pk__in=waiting).update(status=Recipient.Status.SENT, status_at=now, status_note="")
    marked = [by_pk[pk] for pk in waiting]
    events.record_each(((recipient.document, {"recipient": recipient.pk, "name": recipient.name,
                                              "from": Recipient.Status.PENDING, "to": Recipient.Status.SENT})
                        for recipient in marked), kind=DocumentEvent.Kind.RECIPIENT_STATUS)
    for recipient in marked:
        recipient.status, recipient.status_at, recipient.status_note = Recipient.Status.SENT, now, ""
    return marked


def recipient_status_follow(incoming: Document, *, actor=None, note: str = "") -> None:
    """After the recipient's copy changed state: tell the sender — on its recipient row when it is an agency in
    the portal, by a status message over the axis when the document came that way."""
    if incoming.delivery_id is None:
        exchange.status_follow(incoming, actor=actor, note=note)
        return
    status = STATUS_OF_STATE.get(incoming.state)
    if status is not None:
        recipient_status_set(incoming.delivery, status=status, note=note, actor=actor)


def copy_withdraw(copy: Document, *, actor: User | None, reason: str, now: dt.datetime) -> None:
    """The recipient's copy cancelled by its sender (a recall in the portal, or a revocation over the axis): its
    files leave storage once the recall commits; its row, its metadata
    and its trail stay, with what was deleted."""
    files = list(copy.files.all())
    previous = copy.state
    copy.state, copy.recalled_at = Document.State.RECALLED, now
    copy.save(update_fields=["state", "recalled_at", "updated_at"])
    events.record(copy, kind=DocumentEvent.Kind.RECALLED, actor=actor, from_state=previous, note=reason,
                  data={"files_deleted": [{"name": f.name, "kind": f.kind, "version": f.version, "size": f.size,
                                           "sha256": f.sha256} for f in files]})
    stored = [(f.file.storage, f.file.name) for f in files if f.file]
    copy.files.all().delete()

    def delete_stored():
        for storage, name in stored:
            storage.delete(name)

    transaction.on_commit(delete_stored, robust=True)
