"""The one way a document's trail is written (Appendix VI: every action and every view), in the caller's
transaction."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from documents.models import Document, DocumentEvent
from portal.hooks import Hook

# Called with the new DocumentEvents (a list: ``record_each`` writes many at once) inside the transaction that
# records them; views and downloads are not sent. Notifications fill it at start-up.
events_recorded = Hook("documents.events_recorded")


def record(document: Document, *, kind: str, actor, from_state: str = "", note: str = "",
           data: dict[str, Any] | None = None) -> DocumentEvent:
    event = DocumentEvent.objects.create(document=document, kind=kind, actor=actor, from_state=from_state,
                                         to_state=document.state, note=note, data=data or {})
    events_recorded.send([event])
    return event


def record_each(entries: Iterable[tuple[Document, dict[str, Any]]], *, kind: str, actor=None,
                note: str = "") -> list[DocumentEvent]:
    """``record`` for many documents at once, in one statement: the same kind and actor, each its own data."""
    events = DocumentEvent.objects.bulk_create(
        DocumentEvent(document=document, kind=kind, actor=actor, from_state="", to_state=document.state, note=note,
                      data=data) for document, data in entries)
    events_recorded.send(events)
    return events


def viewed(document: Document, *, actor, what: str = "page") -> DocumentEvent:
    """A view of the document (its page, its API detail) or a download of one of its files."""
    kind = DocumentEvent.Kind.DOWNLOADED if what == "file" else DocumentEvent.Kind.VIEWED
    return DocumentEvent.objects.create(document=document, kind=kind, actor=actor, from_state=document.state,
                                        to_state=document.state, data={"what": what})
