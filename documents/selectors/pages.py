"""What the home and a document's page show."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch

from accounts.models import User
from documents import permissions
from documents.models import Assignment, Document, DocumentEvent, Recipient


@dataclass(frozen=True)
class Queue:
    """One worklist on the home: its name, where it is, and how many documents wait in it."""

    key: str
    label: str
    url: str
    count: int


def queues_for(user: User) -> list[Queue]:
    """The worklists of the user's role(s), each flow adding its own (documents.selectors.worklists)."""
    from documents.selectors.worklists import worklists_for

    return worklists_for(user)


def detail_context(user: User, document: Document) -> dict:
    files = list(document.files.order_by("kind", "-version", "id"))
    recipients = list(document.recipients.select_related("agency", "unit"))
    assignments = list(document.assignments.select_related("unit", "user", "assigned_by")
                       .prefetch_related(Prefetch("children", queryset=Assignment.objects.select_related("user"))))
    trail = list(document.events.select_related("actor").exclude(kind__in=(DocumentEvent.Kind.VIEWED,
                                                                          DocumentEvent.Kind.DOWNLOADED)))
    for event in trail:  # the sender's trail says which recipient moved, and where to
        if event.kind == DocumentEvent.Kind.RECIPIENT_STATUS and event.data.get("to") in Recipient.Status.values:
            event.status_label = Recipient.Status(event.data["to"]).label
    # Why a draft came back, shown where its drafter starts reading.
    sent_back = next((e for e in reversed(trail) if e.kind == DocumentEvent.Kind.SENT_BACK), None) \
        if document.state == Document.State.SENT_BACK else None
    # An incoming document's answers (drafts too: the handler finds the one they are writing).
    replies = [] if document.direction == Document.Direction.OUTGOING else list(
        permissions.visible_to(user, document.replies.all()).order_by("created_at", "id"))
    being_handled = document.direction == Document.Direction.INCOMING and document.state in (
        Document.State.REGISTERED, Document.State.DIRECTED, Document.State.IN_PROGRESS)
    return {
        "document": document, "files": files, "recipients": recipients, "assignments": assignments,
        "trail": trail, "is_outgoing": document.direction == Document.Direction.OUTGOING,
        "recipient_statuses": Recipient.Status, "replies": replies, "sent_back": sent_back,
        "being_handled": being_handled,
    }
