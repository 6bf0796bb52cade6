"""What each audience may see of a dossier's internal process, decided here once: the citizen's page and
the API both read a dossier's steps and history through ``process_view``.

Officials see everything. The applicant sees the steps (name, agency, state, dates) and the history of
what happened, with the notes that were written to them (a supplement request's reason, a refusal's, an
extension's...) — never the notes officials leave each other at internal steps, the event data (agency
codes, signer certificates' serial numbers) beyond what is addressed to them, or the names of the officials
who handled the dossier."""

from __future__ import annotations

import datetime as dt
import hmac
import re
from dataclasses import dataclass, field

from accounts.models import User
from dossiers.models import Dossier, DossierEvent, DossierStep
from dossiers.selectors import DossierLookup

# The events whose note is addressed to the applicant.
PUBLIC_NOTES = frozenset({
    DossierEvent.Kind.SUPPLEMENT_REQUESTED, DossierEvent.Kind.SUPPLEMENTED, DossierEvent.Kind.REFUSED,
    DossierEvent.Kind.EXTENDED, DossierEvent.Kind.STOPPED, DossierEvent.Kind.WITHDRAWN, DossierEvent.Kind.RETURNED,
})
# The keys of an event's data that tell the applicant something about their own dossier; the rest (late
# flags, agency codes of a transfer, the signer's certificate, the state to resume) stays internal.
PUBLIC_DATA = {
    DossierEvent.Kind.RECEIVED: ("code", "due_at"),
    DossierEvent.Kind.SUPPLEMENT_REQUESTED: ("items", "component_positions", "other_items"),
    DossierEvent.Kind.EXTENDED: ("previous_due_at", "due_at"),
    DossierEvent.Kind.RETURNED: ("channel",),
    DossierEvent.Kind.RATED: ("score",),
}

# Database ids an event's data keeps for the portal's own use (the required components a supplement request
# ticked): no audience is shown them, the API addresses components by position.
DATABASE_IDS = frozenset({"components"})


@dataclass(frozen=True)
class HistoryEntry:
    """One event as the audience sees it."""

    kind: str
    at: dt.datetime
    from_state: str
    to_state: str
    step: DossierStep | None
    note: str
    actor: User | None = None
    data: dict = field(default_factory=dict)

    def get_kind_display(self) -> str:
        return DossierEvent.Kind(self.kind).label


@dataclass(frozen=True)
class ProcessView:
    steps: list[DossierStep]
    history: list[HistoryEntry]
    internal: bool  # the viewer is an official: everything is shown

    def step_note(self, step: DossierStep) -> str:
        return step.note if self.internal else ""

    def step_handler(self, step: DossierStep) -> User | None:
        return step.handler if self.internal else None


def process_view(dossier: Dossier, *, user: User | None) -> ProcessView:
    """The dossier's steps and history for ``user`` (from the prefetched rows when there are)."""
    internal = bool(user is not None and user.is_authenticated and user.is_official)
    history = [_entry(event, internal=internal) for event in dossier.events.all()]
    return ProcessView(steps=list(dossier.steps.all()), history=history, internal=internal)


def _entry(event: DossierEvent, *, internal: bool) -> HistoryEntry:
    if internal:
        data = {key: value for key, value in (event.data or {}).items() if key not in DATABASE_IDS}
        return HistoryEntry(kind=event.kind, at=event.at, from_state=event.from_state, to_state=event.to_state,
                            step=event.step, note=event.note, actor=event.actor, data=data)
    data = {key: event.data[key] for key in PUBLIC_DATA.get(event.kind, ()) if key in (event.data or {})}
    return HistoryEntry(kind=event.kind, at=event.at, from_state=event.from_state, to_state=event.to_state,
                        step=event.step, note=event.note if event.kind in PUBLIC_NOTES else "", data=data)


# ---- The public lookup by code ---------------------------------------------------------------------------
# Codes are sequential by design, so anyone can guess them: the lookup shows anyone the state, the dates and
# the procedure's progress, and the applicant's (masked) name only to the applicant, logged in, or to someone
# who also gives the last four digits of the applicant's CCCD or phone number.

LAST_DIGITS = re.compile(r"^\d{4}$")


def lookup_shows_applicant(lookup: DossierLookup, *, user: User | None, last_digits: str) -> bool:
    if user is not None and user.is_authenticated and lookup.applicant_id == user.pk:
        return True
    return bool(LAST_DIGITS.match(last_digits or "")) and any(
        hmac.compare_digest(last_digits, factor) for factor in lookup.second_factors)
