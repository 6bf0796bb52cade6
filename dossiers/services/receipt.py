"""What submission, filing and receipt share: the dossier's code, given when it is submitted online or
filed at the counter (DESIGN.md §4), and the receipt itself (code kept, due date, steps), which the
one-stop check and the counter's filing both perform. Called inside the caller's transaction, on a
dossier the caller has locked or just created."""

from __future__ import annotations

import datetime

from django.utils import timezone

from accounts.models import User
from dossiers import events
from dossiers.codes import dossier_code_next
from dossiers.deadlines import due_at_receipt, step_due_dates
from dossiers.models import Dossier, DossierEvent, DossierStep


def code_assign(dossier: Dossier, *, now: datetime.datetime) -> str:
    """Mã hồ sơ: the next code of the receiving centre's agency for the day of ``now``, unless the dossier
    has one already (a code, once issued, is never replaced). Sets it on the instance; the caller saves."""
    if not dossier.code:
        dossier.code = dossier_code_next(agency=dossier.centre.agency, day=timezone.localdate(now))
    return dossier.code


def receive(dossier: Dossier, *, officer: User, now: datetime.datetime) -> Dossier:
    """Tiếp nhận: submitted → received, by ``officer`` of the receiving centre. The dossier keeps its code
    (one is given now only to an old dossier submitted before codes came with submission), gets its due date,
    and the procedure version's internal process becomes its steps. When the first step is the receiving
    centre's own (its one-stop officers'), receiving is that step's work: it is done, by this officer, and
    the next step is to do at once."""
    from_state = dossier.state
    code_assign(dossier, now=now)
    dossier.received_at, dossier.received_by = now, officer
    dossier.due_at = due_at_receipt(received_at=now, version=dossier.procedure_version)
    dossier.state = Dossier.State.RECEIVED
    dossier.save(update_fields=["code", "received_at", "received_by", "due_at", "state", "updated_at"])
    done = _create_steps(dossier, officer=officer, now=now)
    data = {"code": dossier.code, "due_at": dossier.due_at.isoformat()}
    if done is not None:
        data["step_completed"] = done.position
    events.record(dossier, kind=DossierEvent.Kind.RECEIVED, actor=officer, from_state=from_state, data=data)
    if done is not None:
        events.record(dossier, kind=DossierEvent.Kind.STEP_COMPLETED, actor=officer, from_state=dossier.state,
                      step=done, data={"late": False, "at_receipt": True})
    return dossier


def completed_at_receipt(dossier: Dossier, steps: list) -> bool:
    """Receiving completes the first of ``steps`` (the version's, in order): it is the receiving centre's
    one-stop officers' step, and not the last one (the last step delivers the result, which receiving
    cannot)."""
    if len(steps) < 2:
        return False
    first = steps[0]
    agency_id = first.responsible_agency_id or dossier.centre.agency_id
    return first.responsible_role == User.Role.OFFICER and agency_id == dossier.centre.agency_id


def _create_steps(dossier: Dossier, *, officer: User, now) -> DossierStep | None:
    """The dossier's steps; returns the first one when receiving completed it."""
    version = dossier.procedure_version
    steps = list(version.steps.all())
    dues = step_due_dates(received_at=now, version=version, durations=[s.duration for s in steps])
    done = completed_at_receipt(dossier, steps)
    rows = []
    for index, (step, due) in enumerate(zip(steps, dues, strict=True)):
        row = DossierStep(
            dossier=dossier, position=step.position, name=step.name, name_en=step.name_en,
            responsible_role=step.responsible_role,
            agency_id=step.responsible_agency_id or dossier.centre.agency_id,
            duration=step.duration, due_at=due, drafts_result=step.drafts_result,
            state=DossierStep.State.ACTIVE if index == int(done) else DossierStep.State.WAITING,
        )
        if done and index == 0:
            row.state, row.handler, row.started_at, row.completed_at = DossierStep.State.DONE, officer, now, now
        rows.append(row)
    DossierStep.objects.bulk_create(rows)
    if not done:
        return None
    return DossierStep.objects.get(dossier=dossier, position=steps[0].position)
