"""The one-stop check (kiểm tra tính đầy đủ): receive with a code and an appointment date, ask for a
supplement (the clock stops until the applicant answers), or refuse."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from dossiers import events
from dossiers.codes import dossier_code_next
from dossiers.deadlines import due_at_receipt, paused_working_hours, shift_for_pause, step_due_dates
from dossiers.errors import DossierError, DossierErrorCode
from dossiers.models import Dossier, DossierEvent, DossierStep
from dossiers.permissions import can_work_step, is_applicant, is_centre_officer
from dossiers.services._common import guard, lock, require, required_text
from dossiers.services.intake import Uploads, check_files, store_files
from portal.text import nfc
from procedures.models import RequiredComponent


@transaction.atomic
def dossier_receive(*, dossier: Dossier, officer: User) -> Dossier:
    """Tiếp nhận: submitted → received. The dossier gets its code and due date, and the procedure
    version's internal process becomes its steps; the first step is to do."""
    dossier = lock(dossier)
    require(is_centre_officer(officer, dossier), _("Only the receiving centre's one-stop officers receive."))
    guard(dossier.can_receive(), dossier)
    now = timezone.now()
    version = dossier.procedure_version
    dossier.code = dossier_code_next(agency=dossier.centre.agency, day=timezone.localdate(now))
    dossier.received_at, dossier.received_by = now, officer
    dossier.due_at = due_at_receipt(received_at=now, version=version)
    dossier.state = Dossier.State.RECEIVED
    dossier.save(update_fields=["code", "received_at", "received_by", "due_at", "state", "updated_at"])
    _create_steps(dossier, now=now)
    events.record(dossier, kind=DossierEvent.Kind.RECEIVED, actor=officer, from_state=Dossier.State.SUBMITTED,
                  data={"code": dossier.code, "due_at": dossier.due_at.isoformat()})
    return dossier


def _create_steps(dossier: Dossier, *, now) -> None:
    version = dossier.procedure_version
    steps = list(version.steps.all())
    dues = step_due_dates(received_at=now, version=version, durations=[s.duration for s in steps])
    DossierStep.objects.bulk_create([
        DossierStep(
            dossier=dossier, position=step.position, name=step.name, name_en=step.name_en,
            responsible_role=step.responsible_role,
            agency_id=step.responsible_agency_id or dossier.centre.agency_id,
            duration=step.duration, due_at=due,
            state=DossierStep.State.ACTIVE if index == 0 else DossierStep.State.WAITING,
        )
        for index, (step, due) in enumerate(zip(steps, dues, strict=True))
    ])


@transaction.atomic
def dossier_request_supplement(*, dossier: Dossier, user: User, reason: str, items: Sequence[str] = (),
                               components: Sequence[int] = ()) -> Dossier:
    """Yêu cầu bổ sung, hoàn thiện hồ sơ (form 02): what is missing and why. ``components`` are the
    positions of the procedure's required components to add or correct (the checklist), ``items`` any
    other paper or correction, as typed; at least one of either. At the one-stop check it is the centre's
    officer who asks; during processing, whoever holds the current step. Once received, the agency's clock
    stops until the applicant answers.

    The event keeps the list as the slip prints it (``items``: the components' names, then the typed
    items), the components' ids (``components``) and positions (``component_positions``, the public key
    the API and the applicant's page use) and the typed items alone (``other_items``)."""
    dossier = lock(dossier)
    guard(dossier.can_request_supplement(), dossier)
    current = dossier.steps.filter(state__in=(DossierStep.State.ACTIVE, DossierStep.State.TAKEN)).first()
    require(is_centre_officer(user, dossier) or bool(current and can_work_step(user, current)),
            _("Only the receiving centre or the official holding the current step may ask for a supplement."))
    reason = required_text(reason, field="reason", message=_("Say why the dossier must be supplemented."))
    chosen = _requested_components(dossier, components)
    names = [c.name for c in chosen]
    typed = [item for item in dict.fromkeys(" ".join(nfc(item).split()) for item in items) if item]
    others = [item for item in typed if item not in names]
    if not names and not others:
        message = _("Tick at least one paper of the dossier, or write what the applicant must add or correct.")
        raise DossierError(message, code=DossierErrorCode.INVALID, extra={"errors": {"items": [message]}})
    from_state = dossier.state
    if dossier.state in Dossier.PROCESSING_STATES:
        dossier.paused_at = timezone.now()
    dossier.state = Dossier.State.SUPPLEMENT_REQUESTED
    dossier.save(update_fields=["state", "paused_at", "updated_at"])
    events.record(dossier, kind=DossierEvent.Kind.SUPPLEMENT_REQUESTED, actor=user, from_state=from_state,
                  step=current, note=reason, data={
                      "items": names + others, "components": [c.pk for c in chosen],
                      "component_positions": [c.position for c in chosen], "other_items": others,
                      "resume_state": from_state,
                  })
    return dossier


def _requested_components(dossier: Dossier, positions: Sequence[int]) -> list[RequiredComponent]:
    """The procedure's components at these positions, in the procedure's order; DossierError for a
    position the procedure does not have."""
    by_position = {c.position: c for c in dossier.procedure_version.components.all()}
    wanted, unknown = set(), []
    for position in positions:
        if isinstance(position, int) and not isinstance(position, bool) and position in by_position:
            wanted.add(position)
        else:
            unknown.append(str(position)[:20])
    if unknown:
        message = _("The procedure has no such component: %(positions)s. Choose from its list of papers.") % {
            "positions": ", ".join(unknown)}
        raise DossierError(message, code=DossierErrorCode.INVALID, extra={"errors": {"components": [message]}})
    return [by_position[position] for position in sorted(wanted)]


@transaction.atomic
def dossier_supplement(*, dossier: Dossier, user: User, uploads: Uploads | None = None, note: str = "") -> Dossier:
    """The applicant's answer to a supplement request, online or brought to the counter: the new files
    replace the old ones, and the dossier goes back where it was; a stopped clock runs again with every
    date still ahead moved by the office time spent waiting."""
    dossier = lock(dossier)
    require(is_applicant(user, dossier) or is_centre_officer(user, dossier),
            _("Only the applicant or the receiving centre may supplement the dossier."))
    guard(dossier.can_answer_supplement(), dossier)
    files = check_files(version=dossier.procedure_version, uploads=uploads or {}, dossier=dossier)
    note = nfc(note).strip()
    if not files and not note:
        raise DossierError(_("Attach the requested papers or explain what you changed."),
                           code=DossierErrorCode.INVALID,
                           extra={"errors": {"note": [_("This field is required.")]}})
    request = dossier.events.filter(kind=DossierEvent.Kind.SUPPLEMENT_REQUESTED).order_by("-at", "-id").first()
    resume_state = (request.data.get("resume_state") if request else None) or Dossier.State.SUBMITTED
    data = {}
    if dossier.paused_at is not None:
        data = _resume_clock(dossier, now=timezone.now())
    dossier.state = resume_state
    dossier.save(update_fields=["state", "paused_at", "paused_hours", "due_at", "updated_at"])
    store_files(dossier=dossier, files=files, actor=user)
    data["files"] = [f.name for f in files.values()]
    events.record(dossier, kind=DossierEvent.Kind.SUPPLEMENTED, actor=user,
                  from_state=Dossier.State.SUPPLEMENT_REQUESTED, note=note, data=data)
    return dossier


def _resume_clock(dossier: Dossier, *, now) -> dict:
    paused_at, unit = dossier.paused_at, dossier.procedure_version.processing_time_unit
    hours = paused_working_hours(paused_at=paused_at, resumed_at=now)
    old_due = dossier.due_at
    dossier.due_at = shift_for_pause(old_due, paused_at=paused_at, resumed_at=now, unit=unit)
    dossier.paused_hours += hours
    dossier.paused_at = None
    steps = list(dossier.steps.exclude(state=DossierStep.State.DONE))
    for step in steps:
        step.due_at = shift_for_pause(step.due_at, paused_at=paused_at, resumed_at=now, unit=unit)
    DossierStep.objects.bulk_update(steps, ["due_at"])
    return {"paused_hours": str(hours), "due_at": dossier.due_at.isoformat(), "previous_due_at": old_due.isoformat()}


@transaction.atomic
def dossier_refuse(*, dossier: Dossier, officer: User, reason: str) -> Dossier:
    """Từ chối tiếp nhận (form 03): the dossier is not received, with the reason."""
    dossier = lock(dossier)
    require(is_centre_officer(officer, dossier), _("Only the receiving centre's one-stop officers refuse."))
    guard(dossier.can_refuse(), dossier)
    reason = required_text(reason, field="reason", message=_("Say why the dossier is refused."))
    dossier.state, dossier.closed_at = Dossier.State.REFUSED, timezone.now()
    dossier.save(update_fields=["state", "closed_at", "updated_at"])
    events.record(dossier, kind=DossierEvent.Kind.REFUSED, actor=officer, from_state=Dossier.State.SUBMITTED,
                  note=reason)
    return dossier
