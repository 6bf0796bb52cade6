"""A dossier's events and files as the slips read them: from the prefetched rows when the caller loaded
them (``selectors.dossier_get_for``), so rendering a slip costs no query per event."""

from __future__ import annotations

import datetime

from dossiers.models import Dossier, DossierEvent


def events(dossier: Dossier) -> list[DossierEvent]:
    return sorted(dossier.events.all(), key=lambda e: (e.at, e.pk))


def last_event(dossier: Dossier, kind: str) -> DossierEvent | None:
    return next((e for e in reversed(events(dossier)) if e.kind == kind), None)


def moment(value: str | None) -> datetime.datetime | None:
    """A date stored in an event's data (ISO 8601)."""
    return datetime.datetime.fromisoformat(value) if value else None


def appointment(dossier: Dossier) -> datetime.datetime | None:
    """Ngày hẹn trả as the receipt gives it: set at receipt, moved when a supplement stopped the clock
    (an extension has its own letter, form 04, and does not rewrite the receipt)."""
    due = None
    for event in events(dossier):
        if event.kind == DossierEvent.Kind.RECEIVED:
            due = moment(event.data.get("due_at")) or dossier.due_at
        elif event.kind == DossierEvent.Kind.SUPPLEMENTED and due is not None and event.data.get("due_at"):
            due = moment(event.data["due_at"])
    return due
