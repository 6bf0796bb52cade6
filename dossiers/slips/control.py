"""Phiếu kiểm soát quá trình giải quyết hồ sơ (form 06): every hand-over of the dossier, from the
applicant to the one-stop officer, from step to step, and back to the applicant, with its due date and
whether the work handed over was done early, on time or late. Built from the events and steps the
dossier's page already loaded, plus one query for the agencies a transfer names."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from dossiers.models import Dossier, DossierEvent, DossierStep
from dossiers.slips import history
from dossiers.slips.timeliness import LABELS, LATE, verdict
from units.models import Agency

K = DossierEvent.Kind
SHOWN = {K.RECEIVED, K.STEP_COMPLETED, K.STEP_RETURNED, K.STEP_TRANSFERRED, K.SUPPLEMENT_REQUESTED,
         K.SUPPLEMENTED, K.EXTENDED, K.STOPPED, K.RETURNED}


@dataclass(frozen=True)
class Party:
    person: str = ""
    unit: str = ""


@dataclass(frozen=True)
class Row:
    number: int
    kind: str
    event: DossierEvent
    giver: Party
    receiver: Party
    step: DossierStep | None = None
    next_step: DossierStep | None = None
    due_at: object = None
    verdict: str = ""

    @property
    def verdict_label(self) -> str:
        return LABELS.get(self.verdict, "")


def rows(dossier: Dossier) -> list[Row]:
    steps = {s.pk: s for s in dossier.steps.all()}
    by_position = {s.position: s for s in steps.values()}
    events = history.events(dossier)
    codes = {e.data.get(key) for e in events if e.kind == K.STEP_TRANSFERRED for key in ("from_agency", "to_agency")}
    agencies = dict(Agency.objects.filter(code__in=codes).values_list("code", "name")) if codes else {}
    applicant = Party(person=dossier.applicant_name, unit="")
    centre = dossier.centre.name
    found: list[Row] = []
    for index, event in enumerate(events):
        if event.kind not in SHOWN:
            continue
        actor = event.actor.full_name if event.actor else ""
        step = steps.get(event.step_id)
        holder = Party(person=actor, unit=step.agency.name if step else _unit_of(event.actor, dossier))
        values: dict = {"giver": holder, "receiver": applicant, "step": step}
        if event.kind == K.RECEIVED:
            values.update(giver=applicant, receiver=Party(person=actor, unit=centre),
                          due_at=history.moment(event.data.get("due_at")) or dossier.due_at)
        elif event.kind == K.EXTENDED:
            values.update(due_at=history.moment(event.data.get("due_at")))
        elif event.kind == K.STEP_COMPLETED and step is not None:
            following = by_position.get(step.position + 1)
            taker = _taker(events[index + 1:], following)
            receiver = Party(person=taker, unit=following.agency.name if following else centre)
            late = event.data.get("late")
            values.update(receiver=receiver, next_step=following, due_at=step.due_at,
                          verdict=LATE if late else verdict(done_at=event.at, due_at=step.due_at))
        elif event.kind == K.STEP_RETURNED and step is not None:
            back = by_position.get(event.data.get("to_position"))
            values.update(receiver=Party(unit=back.agency.name if back else ""), next_step=back)
        elif event.kind == K.STEP_TRANSFERRED:
            values.update(giver=Party(person=actor, unit=agencies.get(event.data.get("from_agency"), "")),
                          receiver=Party(unit=agencies.get(event.data.get("to_agency"), "")))
        elif event.kind == K.SUPPLEMENTED:
            values.update(giver=applicant, receiver=Party(person=actor if actor != dossier.applicant_name else "",
                                                          unit=centre), due_at=history.moment(event.data.get("due_at")))
        elif event.kind == K.RETURNED:
            values.update(giver=Party(person=actor, unit=centre), due_at=dossier.due_at,
                          verdict=verdict(done_at=dossier.result_ready_at, due_at=dossier.due_at))
        found.append(Row(number=len(found) + 1, kind=event.kind, event=event, **values))
    return found


def _unit_of(user, dossier: Dossier) -> str:
    """Where an official acting outside a step works: the centre, or their agency (a query, for the one or
    two extension and stop events a dossier may have)."""
    if user is None or not user.is_official or user.centre_id == dossier.centre_id:
        return dossier.centre.name
    return user.agency.name if user.agency_id else ""


def _taker(later: list[DossierEvent], step: DossierStep | None) -> str:
    """Who took the next step after the hand-over, if anyone has yet."""
    if step is None:
        return ""
    for event in later:
        if event.step_id == step.pk and event.kind in (K.STEP_TAKEN, K.STEP_COMPLETED):
            return event.actor.full_name if event.actor else ""
    return ""


# The kinds of change of the due date, as the slip names them.
RECEIVED, PAUSED, RESUMED, EXTENDED, CHANGED = "received", "paused", "resumed", "extended", "changed"


@dataclass(frozen=True)
class DueChange:
    """Ngày hẹn trả kết quả: the one given at receipt, and every change after it."""

    number: int
    kind: str
    event: DossierEvent
    due_at: datetime.datetime | None  # from then on (None while the clock is stopped)
    previous_due_at: datetime.datetime | None = None


def due_changes(dossier: Dossier) -> list[DueChange]:
    """The due date given at receipt, then each change: the clock stopped by a supplement request during
    processing, run again when the applicant answered (the due date moved by the time spent waiting), an
    extension with its new date — and any other event that recorded a new due date beside the old one."""
    found: list[DueChange] = []
    due = None
    for event in history.events(dossier):
        data = event.data if isinstance(event.data, dict) else {}
        new, previous = history.moment(data.get("due_at")), history.moment(data.get("previous_due_at"))
        if event.kind == K.RECEIVED:
            kind, new = RECEIVED, new or dossier.due_at
        elif event.kind == K.SUPPLEMENT_REQUESTED and event.from_state in Dossier.PROCESSING_STATES:
            kind, new, previous = PAUSED, None, due
        elif new is not None and previous is not None:
            kind = {K.EXTENDED: EXTENDED, K.SUPPLEMENTED: RESUMED}.get(event.kind, CHANGED)
        else:
            continue
        found.append(DueChange(number=len(found) + 1, kind=kind, event=event, due_at=new, previous_due_at=previous))
        due = new if new is not None else due
    return found
